"""The report's labels, each in Thai with its English beside it (``key -> (thai, english)``).

The report is one document for every reader: Thai first, English after it in smaller type,
so a committee member and a foreign auditor read the same page.
"""

from __future__ import annotations

from collections.abc import Mapping

from commands.unit_levels import UNIT_LEVELS

__all__ = ["LABELS"]

LABELS: Mapping[str, tuple[str, str]] = {
    **UNIT_LEVELS,
    "title": ("รายงานคำรับรองการปฏิบัติราชการ", "Performance agreement report"),
    "app_name": ("บัญชีผลการประเมิน", "Assessment Ledger"),
    "page": ("หน้า", "Page"),
    "produced": ("จัดทำเมื่อ (เวลากรุงเทพฯ)", "Produced (Bangkok time)"),
    "head": ("จำนวนเหตุการณ์ในบัญชีขณะจัดทำ", "Events in the ledger when produced"),
    "demo": ("ฐานข้อมูลสาธิต", "Demo store"),
    "about": ("คำรับรอง", "The agreement"),
    "agreement": ("คำรับรอง", "Agreement"),
    "unit": ("หน่วยงาน", "Unit"),
    "level": ("ระดับหน่วยงาน", "Unit level"),
    "framework": ("กรอบการประเมิน", "Framework"),
    "year": ("ปีงบประมาณ", "Fiscal year"),
    "scoring": ("วิธีให้คะแนน", "Scoring"),
    "scoring:five_level": ("เกณฑ์ 5 ระดับ (คะแนน 1-5)", "Five levels (scores 1-5)"),
    "scoring:three_level": ("เกณฑ์ 3 ระดับ (คะแนน 50/75/100)", "Three levels (50/75/100)"),
    "signatories": ("ผู้ลงนาม", "Signatories"),
    "not_signed": ("ยังไม่ได้ลงนาม", "Not signed yet"),
    "side:assessor": ("ฝ่ายผู้ประเมิน", "Assessor"),
    "side:assessed": ("ฝ่ายผู้รับการประเมิน", "Assessed"),
    "kpis": ("ตัวชี้วัดและเกณฑ์ที่ใช้บังคับ", "KPIs, weights and the criteria in force"),
    "kpi": ("ตัวชี้วัด", "KPI"),
    "component": ("องค์ประกอบ", "Component"),
    "weight": ("น้ำหนัก (ร้อยละ)", "Weight (%)"),
    "direction": ("ทิศทาง", "Direction"),
    "direction:higher": ("ค่ายิ่งสูงยิ่งดี", "Higher is better"),
    "direction:lower": ("ค่ายิ่งต่ำยิ่งดี", "Lower is better"),
    "direction:milestone": ("ระดับขั้นความสำเร็จ", "Milestone levels"),
    "criteria": ("เกณฑ์การให้คะแนนแต่ละระดับ", "Criteria per level"),
    "level_n": ("ระดับ", "Level"),
    "basic": ("ขั้นต้น", "Basic"),
    "standard": ("มาตรฐาน", "Standard"),
    "advanced": ("ขั้นสูง", "Advanced"),
    "milestone_levels": ("ระดับขั้นความสำเร็จ 1 ถึง", "Levels of success 1 to"),
    "unit_of_measure": ("หน่วยวัด", "Unit of measure"),
    "baseline": ("ค่าฐาน", "Baseline"),
    "monitor": ("ตัวชี้วัดติดตาม (ไม่คิดคะแนน)", "Monitored, not scored"),
    "joint": ("ตัวชี้วัดร่วม", "Joint KPI"),
    "host": ("เจ้าภาพ", "host"),
    "cascaded_from": ("ถ่ายทอดจาก", "Cascaded from"),
    "left_out": ("ตัวชี้วัดที่ไม่อยู่ในคำรับรอง", "KPIs not in the agreement"),
    "kpi_status:rejected": ("ไม่ได้รับความเห็นชอบ", "Rejected"),
    "kpi_status:cancelled": ("ยกเลิกแล้ว", "Cancelled"),
    "kpi_status:proposed": ("เสนอ", "Proposed"),
    "kpi_status:accepted": ("เห็นชอบ", "Accepted"),
    "scores": ("คะแนนรายรอบ", "Scores per round"),
    "no_rounds": ("ยังไม่มีการรายงานผลในรอบใด", "Nothing has been reported in any round yet"),
    "round": ("รอบ", "Round"),
    "status": ("สถานะ", "Status"),
    "status:certified": ("รับรองผลแล้ว", "Certified"),
    "status:awaiting re-certification": ("รอรับรองผลใหม่", "Awaiting re-certification"),
    "status:provisional": ("ผลเบื้องต้น", "Provisional"),
    "status:reported": ("รายงานแล้ว ยังไม่ประเมิน", "Reported, not yet assessed"),
    "reported": ("ผลที่รายงาน", "Reported"),
    "verified": ("ผลที่ผ่านการตรวจสอบ", "Verified"),
    "score": ("คะแนน", "Score"),
    "weighted": ("คะแนนถ่วงน้ำหนัก", "Weighted score"),
    "assessed_weight": ("น้ำหนักที่ประเมินในรอบนี้", "Weight assessed this round"),
    "before_penalties": ("คะแนนรวมก่อนหักคะแนน", "Composite before penalties"),
    "penalties": ("การหักคะแนน", "Penalties"),
    "no_penalty": ("ไม่มีการหักคะแนน", "No penalty"),
    "composite": ("คะแนนรวม", "Composite"),
    "band": ("ระดับผลการประเมิน", "Band"),
    "timelines": ("ลำดับเวลาของตัวชี้วัด", "Each KPI's timeline"),
    "timelines_how": (
        "ค่าเป้าหมายทุกฉบับพร้อมเวลามีผลและเวลาบันทึก (พ.ศ.) และผลที่บัญชีทราบแล้วขณะกำหนดฉบับนั้น "
        "ตามด้วยผลทุกรายการที่บันทึก ลำดับในบันทึกบอกว่าสิ่งใดบันทึกก่อน",
        "Every version of the target with its effective and recorded times (BE) and the "
        "results the ledger already held when it was set, then every result recorded. The "
        "log position says which was recorded first.",
    ),
    "versions": ("ค่าเป้าหมายทุกฉบับ", "Target versions"),
    "no_versions": ("ยังไม่มีค่าเป้าหมายที่ลงนามแล้ว", "No signed target yet"),
    "version": ("ฉบับ", "Version"),
    "made_by": ("ที่มา", "Made by"),
    "effective": ("มีผล", "Effective"),
    "recorded": ("บันทึก", "Recorded"),
    "position": ("ลำดับในบันทึก", "Log position"),
    "known_then": ("ผลที่ทราบแล้วขณะนั้น", "Results known then"),
    "none_known": ("ยังไม่มีผล", "None yet"),
    "rule1": ("กฎข้อ 1", "Rule 1"),
    "violation": ("ข้ามผลที่ทราบแล้ว (ผิดกฎข้อ 1)", "Crossed a known result (rule 1 violated)"),
    "favourable": ("เป็นคุณแก่หน่วยงานหลังทราบผล", "Favourable after results were known"),
    "no_flag": ("ไม่มีข้อสังเกต", "No flag"),
    "version_status:in force": ("ใช้บังคับ", "In force"),
    "version_status:cancelled": ("ยกเลิก", "Cancelled"),
    "source:sar": ("รายงาน", "SAR"),
    "source:assessment": ("ตรวจสอบ", "verified"),
    "results": ("ผลที่บันทึก", "Results recorded"),
    "no_results": ("ยังไม่มีผลที่บันทึก", "No result recorded yet"),
    "kind": ("รายการ", "Entry"),
    "value": ("ค่า", "Value"),
    "kind:reported": ("ผลที่หน่วยงานรายงาน (SAR)", "Reported by the unit (SAR)"),
    "kind:verified": ("ผลที่ผู้ประเมินตรวจสอบ", "Verified by the evaluator"),
    "kind:adjusted": ("คะแนนปรับตามมติอุทธรณ์", "Score adjusted on appeal"),
    "kind:shared_reported": ("ผลร่วมที่เจ้าภาพรายงาน", "Shared result filed by the host"),
    "kind:shared_verified": ("ผลร่วมที่ตรวจสอบแล้ว", "Shared result verified"),
    "kind:shared_adjusted": ("ผลร่วมปรับตามมติอุทธรณ์", "Shared result adjusted on appeal"),
    "was": ("เดิม", "was"),
    "integrity": ("ผลการตรวจความถูกต้องของค่าเป้าหมาย (กฎข้อ 1)", "Target integrity (rule 1)"),
    "integrity_how": (
        "กฎข้อ 1: ห้ามเปลี่ยนค่าเป้าหมายไปยังหรือข้ามผลที่บัญชีทราบแล้ว ผลการตรวจมาจากลำดับในบันทึก "
        "ไม่ใช่วันที่ที่เหตุการณ์อ้าง",
        "Rule 1: no target may move to or past a result the ledger already held. The verdict "
        "is read from log positions, never from the dates events claim.",
    ),
    "verdict": ("ผลการตรวจ", "Verdict"),
    "verdict:clean": (
        "ไม่พบการเปลี่ยนค่าเป้าหมายหลังทราบผล",
        "Clean: no target moved onto a known result",
    ),
    "verdict:findings": ("พบข้อสังเกต", "Findings"),
    "verdict:none": ("ยังไม่มีรายงานการตรวจ", "No integrity report yet"),
    "requests": ("คำขอเปลี่ยนแปลง", "Change requests"),
    "request": ("คำขอ", "Request"),
    "reason": ("เหตุผล", "Reason"),
    "requested": ("วันที่ขอ", "Requested"),
    "decided": ("มติ", "Decision"),
    "kind:amend": ("ขอแก้ไข", "Amend"),
    "kind:cancel": ("ขอยกเลิก", "Cancel"),
    "outcome:open": ("รอพิจารณา", "Open"),
    "outcome:approved": ("อนุมัติ", "Approved"),
    "outcome:approved_with_amendments": ("อนุมัติโดยมีการแก้ไข", "Approved with amendments"),
    "outcome:rejected": ("ไม่อนุมัติ", "Rejected"),
    "attempts": ("ความพยายามที่ระบบปฏิเสธ", "Refused attempts"),
    "attempt": ("การกระทำ", "Attempt"),
    "by": ("โดย", "By"),
    "rule": ("กฎ", "Rule"),
    "seal": ("การผนึกและวิธีตรวจสอบ", "The seal, and how to verify it"),
    "last_event": ("เหตุการณ์ล่าสุดของคำรับรอง", "The agreement's last event"),
    "leaf": ("ใบในต้นไม้ Merkle", "Merkle leaf"),
    "checkpoint": ("จุดตรวจสอบที่ผนึก", "Sealing checkpoint"),
    "origin": ("ชื่อบันทึก (กุญแจของบันทึก)", "Log (its key's name)"),
    "tree_size": ("ขนาดต้นไม้ (จำนวนเหตุการณ์)", "Tree size (events)"),
    "root": ("แฮชราก (base64)", "Root hash (base64)"),
    "witnesses": ("ลายมือชื่อร่วมของผู้รับรอง", "Witness cosignatures"),
    "no_witness": ("ไม่มี", "None"),
    "note": ("จุดตรวจสอบที่ลงนาม (signed note)", "The signed checkpoint note"),
    "not_sealed": (
        "ยังไม่มีจุดตรวจสอบที่ครอบคลุมเหตุการณ์ล่าสุดของคำรับรองนี้: ผู้ดูแลบัญชีลงนามด้วยคำสั่ง ledger checkpoint",
        "No checkpoint covers the agreement's last event yet: the operator signs one with "
        "ledger checkpoint",
    ),
    "no_events": ("คำรับรองนี้ยังไม่มีเหตุการณ์ในบันทึก", "The agreement has no event in the log"),
    "keys_first": (
        "ขั้นที่ 1: ขอกุญแจสาธารณะของบันทึกและของผู้รับรองจากช่องทางที่ท่านเชื่อถือ "
        "(หนังสือราชการ เว็บไซต์ของ สำนักงาน ก.พ.ร.) ไม่ใช่จากรายงานนี้ ชื่อกุญแจต้องตรงกับที่ระบุข้างต้น",
        "Step 1: obtain the log's public key and the witnesses' keys through a channel you "
        "already trust (an official letter, OPDC's web site), never from this report; their "
        "names must be the ones above.",
    ),
    "prove_step": (
        "ขั้นที่ 2: ผู้ดูแลบัญชี (หรือผู้มีสิทธิ์อ่านฐานข้อมูล) เขียนหลักฐานของเหตุการณ์ล่าสุดของคำรับรอง "
        "(เพิ่ม --db ระบุฐานข้อมูล):",
        "Step 2: the operator (or anyone who may read the store) writes the proof bundle of "
        "the agreement's last event (add --db naming the store):",
    ),
    "verify_step": (
        "ขั้นที่ 3: ตรวจหลักฐานโดยไม่ต้องใช้ฐานข้อมูล ด้วยกุญแจที่ท่านได้มาเอง "
        "(exit code 0 คือเหตุการณ์อยู่ในต้นไม้ที่ลงนามแล้ว):",
        "Step 3: check the bundle with no database, with the keys you obtained yourself "
        "(exit code 0: the event is in the signed tree):",
    ),
    "compare_step": (
        "ขั้นที่ 4: จุดตรวจสอบในหลักฐาน (ช่อง checkpoint) ต้องระบุขนาดต้นไม้และแฮชรากตามรายงานนี้ "
        "หรือเป็นจุดตรวจสอบที่ใหม่กว่าซึ่งครอบคลุมใบเดียวกัน ตรวจว่าบัญชีปัจจุบันต่อยอดจากจุดตรวจสอบนี้ "
        "โดยบันทึกข้อความที่ลงนามด้านบนเป็นไฟล์ แล้วสั่ง:",
        "Step 4: the bundle's checkpoint names this report's tree size and root hash, or a "
        "later checkpoint that covers the same leaf. To check that today's ledger extends "
        "this checkpoint, save the signed note above as a file and run:",
    ),
    "audit_step": (
        "หลักฐานของการเปลี่ยนค่าเป้าหมายแต่ละครั้งพร้อมผลที่ทราบก่อนหน้า "
        "(พิสูจน์ลำดับ ‘บันทึกผลก่อน แล้วจึงเปลี่ยนเป้าหมาย’):",
        "A bundle per target change with every result known before it (proving ‘result "
        "recorded, then target changed’):",
    ),
}
