"""How an outsider verifies a proof bundle downloaded from the checkpoints page: with
``ledger verify-proof`` (``commands.cli.proofs``), against trust anchors the verifier holds
(the log's public key, the witnesses' keys, a trust policy), never ones this site hands out.
A static page: the words below and the commands in the template (docs/PROOFS.md says the
same at length); the tests run its ``verify-proof`` command on a bundle this site served.
"""

from __future__ import annotations

from litestar import get
from litestar.response import Template

from commands.web.i18n import Table
from commands.web.pages import ViewerDep, page

__all__ = ["LABELS", "VERIFY_ROUTES"]

LABELS: Table = {
    "title": (
        "วิธีตรวจสอบหลักฐานการบันทึกด้วยตนเอง",
        "How an outsider verifies a proof bundle",
    ),
    "what": (
        "หลักฐานการบันทึก (ไฟล์ JSON รูปแบบ assessment-ledger/proof-bundle/v1) "
        "เก็บข้อมูลของเหตุการณ์ทุกไบต์ ลำดับใบในบันทึกความโปร่งใส หลักฐานการอยู่ในต้นไม้ (inclusion proof) "
        "และจุดตรวจสอบที่ผู้ดูแลบัญชีลงนามพร้อมลายมือชื่อร่วมของผู้รับรองอิสระ (ถ้ามี) "
        "การตรวจสอบไม่ต้องใช้ฐานข้อมูล ไม่ต้องเชื่อมต่อเซิร์ฟเวอร์ และไม่ต้องมีบัญชีผู้ใช้ในระบบนี้",
        "A proof bundle (a JSON file, format assessment-ledger/proof-bundle/v1) holds the "
        "event's exact bytes, its leaf number in the transparency log, an inclusion proof, and "
        "the checkpoint the operator signed, with any witnesses' cosignatures. Checking it "
        "needs no database, no server and no account with this ledger.",
    ),
    "anchors": (
        "หลักยึดความเชื่อถือต้องมาจากท่าน ไม่ใช่จากผู้ดูแลบัญชี",
        "Trust anchors come from you, not from the operator",
    ),
    "anchors_why": (
        "ลายมือชื่อมีความหมายก็ต่อเมื่อตรวจด้วยกุญแจที่ท่านได้มาเองอย่างเป็นอิสระ "
        "หากผู้ดูแลบัญชีเป็นผู้ส่งทั้งหลักฐานและกุญแจให้ ผู้ดูแลที่ไม่สุจริตอาจสร้างประวัติปลอม "
        "ลงนามด้วยกุญแจของตนเอง แล้วส่งกุญแจนั้นให้ท่าน การตรวจก็จะผ่านโดยไม่พิสูจน์สิ่งใด "
        "ระบบนี้จึงไม่แจกกุญแจสาธารณะ และการตรวจสอบไม่เชื่อสิ่งใดที่พบในฐานข้อมูลหรือไฟล์ส่งออก",
        "A signature means something only when you check it with a key you obtained "
        "independently. If the operator handed you both the bundle and the key, a dishonest "
        "operator could sign a made-up history with a key of its own and hand you that key: "
        "the check would pass and prove nothing. So this site hands out no public key, and "
        "verification trusts nothing it finds in the store or an export.",
    ),
    "log_key": ("กุญแจสาธารณะของบันทึก (log.vkey)", "The log's public key (log.vkey)"),
    "log_key_from": (
        "ผู้ดูแลบัญชีเผยแพร่ผ่านช่องทางที่ท่านเชื่อถืออยู่แล้ว (หนังสือราชการ เว็บไซต์ของ สำนักงาน ก.พ.ร.) "
        "ไม่ใช่จากหน้าเว็บนี้ จากไฟล์หลักฐาน หรือจากไฟล์ส่งออก พิสูจน์ว่าจุดตรวจสอบมาจากบันทึกนี้จริง",
        "Published by the operator through a channel you already trust (an official letter, "
        "OPDC's web site), never taken from these pages, the bundle or an export. It proves "
        "the checkpoint really comes from this log.",
    ),
    "witness_keys": (
        "กุญแจสาธารณะของผู้รับรอง (witness.vkey)",
        "Witnesses' public keys (witness.vkey)",
    ),
    "witness_keys_from": (
        "ได้จากผู้รับรองแต่ละรายโดยตรง (เช่น สำนักงานการตรวจเงินแผ่นดิน บริษัทผู้ประเมิน) "
        "ลายมือชื่อร่วมพิสูจน์ว่ามีผู้อื่นนอกจากผู้ดูแลบัญชีเห็นต้นไม้นี้ ณ เวลาที่ระบุ "
        "และบันทึกไม่อาจแสดงประวัติหนึ่งแก่ท่านและอีกประวัติหนึ่งแก่ผู้อื่น",
        "Obtained from each witness itself (an audit office, an evaluator firm). A "
        "cosignature proves that someone other than the operator saw this tree by its time, "
        "and that the log could not show you one history and someone else another.",
    ),
    "policy": ("นโยบายความเชื่อถือ (trust policy)", "A trust policy"),
    "policy_from": (
        "ไฟล์ที่ท่านเขียนเอง ระบุกุญแจของบันทึกและผู้รับรองที่ท่านยอมรับ และจำนวนผู้รับรองขั้นต่ำ "
        "ใช้กับการตรวจทั้งบัญชีจากไฟล์ส่งออก พร้อมไฟล์สถานะของท่านเองเพื่อจับการย้อนประวัติ",
        "A file you write yourself, naming the log keys and witnesses you accept and the "
        "quorum; used to check a whole export, with a state file of your own that catches a "
        "log rolled back.",
    ),
    "steps": ("ขั้นตอน", "Step by step"),
    "step_download": (
        "ดาวน์โหลดหลักฐานจากหน้าจุดตรวจสอบ (ลิงก์ ‘ดาวน์โหลดหลักฐาน’ ของแต่ละเหตุการณ์) "
        "หรือขอจากผู้ดูแลบัญชี (คำสั่ง ledger prove)",
        "Download the bundle from the checkpoints page (each event's ‘Download proof’ link), "
        "or ask the operator for it (the ledger prove command).",
    ),
    "step_install": (
        "ติดตั้งโปรแกรมตรวจสอบจากซอร์สโค้ดที่เผยแพร่ (ไม่ต้องมีฐานข้อมูล):",
        "Install the verifier from the published source (no database needed):",
    ),
    "step_check": (
        "ตรวจหลักฐานด้วยกุญแจที่ท่านได้มาเอง:",
        "Check the bundle with the key you obtained yourself:",
    ),
    "step_witness": (
        "หากต้องการให้มีลายมือชื่อร่วมของผู้รับรอง ให้ระบุ --witness ต่อผู้รับรองแต่ละราย:",
        "To require a witness's cosignature, add --witness for each witness:",
    ),
    "step_read": ("อ่านเหตุการณ์ที่อยู่ในหลักฐาน:", "Read the events the bundle holds:"),
    "answers": ("ผลการตรวจ (exit code)", "The answer (exit code)"),
    "exit_0": (
        "ทุกเหตุการณ์ในหลักฐานอยู่ในต้นไม้ที่จุดตรวจสอบระบุ ลงนามด้วยกุญแจของท่าน "
        "(และลงนามร่วมโดยผู้รับรองทุกรายที่ระบุ) ตารางแสดงลำดับใบ เวลาที่บันทึก (พ.ศ.) เหตุการณ์ ตัวชี้วัด และรอบ",
        "Every event in the bundle is in the tree the checkpoint names, signed by your log key "
        "(and cosigned by every --witness); the table shows each leaf, its recorded time (BE), "
        "event, KPI and round.",
    ),
    "exit_4": (
        "มีสิ่งที่ไม่ผ่าน และระบุว่าคืออะไร: กุญแจไม่ตรง ขาดลายมือชื่อร่วม ข้อมูลเหตุการณ์ถูกแก้ไข "
        "หลักฐานไม่นำไปสู่รากที่ลงนาม หรือไฟล์หลักฐานไม่มีเหตุการณ์",
        "Something failed, and it is named: a wrong key, a missing cosignature, an altered "
        "event, a proof that does not lead to the signed root, or a bundle with no events.",
    ),
    "exit_1": (
        "ไฟล์ไม่ใช่ไฟล์ปกติขนาดไม่เกิน 64 MiB หรือไฟล์กุญแจผิดรูปแบบ",
        "The file is not a regular file of at most 64 MiB, or a key file is malformed.",
    ),
    "proves": ("สิ่งที่พิสูจน์ได้และพิสูจน์ไม่ได้", "What it proves, and what it does not"),
    "order": (
        "ลำดับใบคือลำดับที่บันทึกจริง: ผลที่ใบ 165 และการเปลี่ยนเป้าหมายที่ใบ 170 พิสูจน์ว่า "
        "‘บันทึกผลก่อน แล้วจึงเปลี่ยนเป้าหมาย’ ไม่ว่าเหตุการณ์จะอ้างวันที่ใด "
        "ผู้ดูแลบัญชี (หรือผู้มีสิทธิ์อ่านฐานข้อมูล) ใช้คำสั่งต่อไปนี้เขียนหลักฐานหนึ่งไฟล์ต่อการเปลี่ยนเป้าหมายแต่ละครั้ง "
        "พร้อมผลทั้งหมดที่ทราบก่อนหน้า แล้วส่งให้ท่านตรวจ:",
        "Leaf order is recording order: a result at leaf 165 and a target change at leaf 170 "
        "prove ‘result recorded, then target changed’, whatever dates the events claim. The "
        "operator (or anyone with read access to the store) writes one bundle per target "
        "change, holding every result known before it, for you to check:",
    ),
    "witness_time": (
        "ลายมือชื่อร่วมของผู้รับรองที่ลงเวลา T พิสูจน์ว่าเหตุการณ์เหล่านั้นมีอยู่แล้ว ณ เวลา T",
        "A witness's cosignature made at time T proves the events existed by T.",
    ),
    "limits": (
        "หลักฐานนี้ไม่พิสูจน์ว่าเหตุการณ์เป็นไปตามกฎ หรือบุคคลที่ระบุเป็นผู้ส่งจริง "
        "และเวลาที่บันทึกเป็นนาฬิกาของผู้ดูแลบัญชี หากต้องการตรวจทั้งบัญชีตามกฎทุกข้อ "
        "ให้ขอไฟล์ส่งออกแล้วตรวจด้วยนโยบายและไฟล์สถานะของท่านเอง:",
        "It does not prove that the event obeyed the rules or that the person it names sent "
        "it, and recorded times are the operator's clock. To check the whole ledger against "
        "every rule, ask for an export and check it with your own policy and state file:",
    ),
    "policy_example": (
        "ตัวอย่างนโยบายความเชื่อถือที่ท่านเขียนเอง:",
        "A trust policy you write yourself, for example:",
    ),
    "docs": (
        "รายละเอียดทั้งหมดอยู่ในเอกสาร docs/PROOFS.md ของซอร์สโค้ด",
        "The full details are in docs/PROOFS.md in the source.",
    ),
}


@get("/verify", sync_to_thread=False)
def verify_page(viewer: ViewerDep) -> Template:
    return page(viewer, "verify.html", LABELS)


VERIFY_ROUTES = [verify_page]
