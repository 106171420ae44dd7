"""The ledger's rules in Thai, keyed by the English rule a ``LedgerError`` carries: what a
Thai reader sees on a refused form and at the end of the CLI's error line. A rule not listed
here is shown in English."""

from __future__ import annotations

import re

__all__ = ["RULES_TH", "RULE_PATTERNS_TH", "rule_in_thai"]

RULES_TH: dict[str, str] = {
    # Read filters: an unknown round or KPI is not found (commands/cli/suggest.py).
    "--round is a round id of the framework (`ledger frameworks show ID` lists them)": (
        "--round ต้องเป็นรหัสรอบของกรอบการประเมิน (ดูรายการได้ด้วยคำสั่ง `ledger frameworks show ID`)"
    ),
    "--kpi is a KPI id of the agreement (`ledger show AGREEMENT` lists them)": (
        "--kpi ต้องเป็นรหัสตัวชี้วัดของคำรับรอง (ดูรายการได้ด้วยคำสั่ง `ledger show AGREEMENT`)"
    ),
    # ledger demo: where it writes (commands/cli/demo_places.py).
    "--force replaces only a demo store (ledger demo's mark) or an empty store": (
        "--force เขียนทับได้เฉพาะฐานข้อมูลสาธิต (ที่ ledger demo ทำเครื่องหมายไว้) หรือฐานข้อมูลว่างเท่านั้น"
    ),
    "the demo writes a store's keys and views into new folders only": (
        "การสาธิตเขียนกุญแจและมุมมองของฐานข้อมูลลงในโฟลเดอร์ใหม่เท่านั้น"
    ),
    "the demo writes a store's keys beside it, in a folder it can write": (
        "การสาธิตเขียนกุญแจไว้ข้างฐานข้อมูล ในโฟลเดอร์ที่เขียนได้"
    ),
    "the demo witness's folder must be a folder the demo can write": (
        "โฟลเดอร์ของพยานสาธิตต้องเป็นโฟลเดอร์ที่การสาธิตเขียนได้"
    ),
    "the demo records into a new, empty store only, never into one in use": (
        "การสาธิตบันทึกลงในฐานข้อมูลใหม่ที่ว่างเท่านั้น ไม่บันทึกลงในฐานข้อมูลที่ใช้งานอยู่"
    ),
    "SUBJECT is UNIT/FISCAL_YEAR or KIND:ID (unit, framework, user, body, joint, ...)": (
        "SUBJECT ต้องอยู่ในรูป UNIT/FISCAL_YEAR หรือ KIND:ID (unit, framework, user, body, joint, ...)"
    ),
    "a KPI is named AGREEMENT#KPI_ID (e.g. TH-81/2557#G1)": (
        "ระบุตัวชี้วัดในรูป AGREEMENT#KPI_ID (เช่น TH-81/2557#G1)"
    ),
    "a request is AGREEMENT#REQUEST_ID (`ledger requests AGREEMENT` lists them)": (
        "ระบุคำขอในรูป AGREEMENT#REQUEST_ID (ดูรายการได้ด้วย `ledger requests AGREEMENT`)"
    ),
    "a type `ledger schema` lists": "ประเภทคำสั่งที่ `ledger schema` แสดงไว้",
    "an agreement is UNIT/FISCAL_YEAR (e.g. TH-81/2557), known once it is opened": (
        "ระบุคำรับรองในรูป UNIT/FISCAL_YEAR (เช่น TH-81/2557) และต้องเปิดคำรับรองนั้นแล้ว"
    ),
    "a unit level: ministry, mission_group, department, province_group, province, "
    "provincial_agency, individual": (
        "ระดับหน่วยงานที่มีในระบบ: ministry, mission_group, department, province_group, province, "
        "provincial_agency, individual"
    ),
    "--key FILE first": "ระบุ --key FILE ก่อน",
    "a tlog-proof proves one event; give --out FOLDER for several": (
        "tlog-proof หนึ่งไฟล์พิสูจน์เหตุการณ์เดียว หากหลายเหตุการณ์ให้ระบุ --out เป็นโฟลเดอร์"
    ),
    "a proof is a bundle or a tlog-proof": "หลักฐานมีสองแบบ: bundle หรือ tlog-proof",
    "a tlog-proof proves one event; ask for each, or for a bundle": (
        "tlog-proof หนึ่งไฟล์พิสูจน์เหตุการณ์เดียว ให้ขอทีละเหตุการณ์ หรือขอเป็นชุดหลักฐาน (bundle)"
    ),
    "--trust FILE, or --key FILE with any --witness FILE": (
        "ระบุ --trust FILE หรือระบุ --key FILE พร้อม --witness FILE ตามที่มี"
    ),
    "ISO 8601 (2014-04-30, 2014-04-30T09:15+07:00) or a BE date (2557-04-30, 30/04/2557)": (
        "วันที่ตามรูปแบบ ISO 8601 (2014-04-30, 2014-04-30T09:15+07:00) หรือวันที่แบบ พ.ศ. (2557-04-30, "
        "30/04/2557)"
    ),
    (
        "ISO 8601 (2014-04-30, 2014-04-30T09:15+07:00) or a Buddhist-Era date (2557-04-30, "
        "30/04/2557); a date alone means the end of that day, Bangkok time"
    ): (
        "วันที่ตามรูปแบบ ISO 8601 (2014-04-30, 2014-04-30T09:15+07:00) หรือวันที่แบบ พ.ศ. (2557-04-30, "
        "30/04/2557) หากระบุเฉพาะวันที่ ให้ถือว่าเป็นเวลาสิ้นสุดของวันนั้นตามเวลากรุงเทพฯ"
    ),
    "KPI ids are unique within an agreement": "รหัสตัวชี้วัดต้องไม่ซ้ำกันภายในคำรับรองเดียวกัน",
    "KPI must be in the agreement": "ตัวชี้วัดต้องอยู่ในคำรับรองการปฏิบัติราชการ",
    "KPI must be in the signed agreement": "ตัวชี้วัดต้องอยู่ในคำรับรองการปฏิบัติราชการที่ลงนามแล้ว",
    "KPI must be proposed first": "ต้องเสนอตัวชี้วัดก่อน",
    "ML-DSA-44 needs cryptography 48 or later": "ML-DSA-44 ต้องใช้ cryptography รุ่น 48 ขึ้นไป",
    "an ML-DSA-44 key is a witness key (--witness); a log signs with Ed25519": (
        "กุญแจ ML-DSA-44 ใช้เป็นกุญแจของพยานเท่านั้น (--witness) ส่วนบันทึก (log) ลงนามด้วย Ed25519"
    ),
    "POST /api/commands/<type> takes commands of that type": (
        "POST /api/commands/<type> รับเฉพาะคำสั่งประเภทนั้น"
    ),
    "SARs are filed against a signed agreement": (
        "รายงานผลการประเมินตนเอง (SAR) ยื่นได้เฉพาะตามคำรับรองการปฏิบัติราชการที่ลงนามแล้ว"
    ),
    "`ledger bodies list`": "ดูรายชื่อคณะบุคคลได้ด้วยคำสั่ง `ledger bodies list`",
    "`ledger db init` grants the application role its rights": (
        "คำสั่ง `ledger db init` เป็นผู้กำหนดสิทธิ์ให้แก่บทบาทของแอปพลิเคชัน"
    ),
    "`ledger users list`": "ดูรายชื่อผู้ใช้ได้ด้วยคำสั่ง `ledger users list`",
    "a C2SP signed-note key file, as `ledger keys generate` writes": (
        "ไฟล์กุญแจแบบ C2SP signed-note ตามที่คำสั่ง `ledger keys generate` สร้างขึ้น"
    ),
    "a C2SP tlog-checkpoint signed note": "บันทึกที่ลงนามแล้วตามรูปแบบ C2SP tlog-checkpoint",
    "a KPI ref: an agreement ref, '#' and a KPI id (GRP-ANDAMAN/2557#G1)": (
        "การอ้างอิงตัวชี้วัด: การอ้างอิงคำรับรอง ตามด้วย '#' และรหัสตัวชี้วัด (GRP-ANDAMAN/2557#G1)"
    ),
    "a KPI's value is a decimal number (104.5, -3, 0.25)": (
        "ค่าของตัวชี้วัดต้องเป็นเลขทศนิยม (104.5, -3, 0.25)"
    ),
    "a SHA-256: 64 lowercase hexadecimal digits": "ค่า SHA-256: เลขฐานสิบหกตัวพิมพ์เล็ก 64 หลัก",
    "a SQLite path, sqlite:///PATH or postgresql://USER@HOST:PORT/DB": (
        "ตำแหน่งไฟล์ SQLite, sqlite:///PATH หรือ postgresql://USER@HOST:PORT/DB"
    ),
    "a body acts once it is formed": "คณะบุคคลดำเนินการได้เมื่อได้รับการแต่งตั้งแล้วเท่านั้น",
    "a body decides in the roles and over the scope it was formed for": (
        "คณะบุคคลวินิจฉัยได้เฉพาะในบทบาทและขอบเขตที่ได้รับการแต่งตั้ง"
    ),
    "a body is formed first": "ต้องแต่งตั้งคณะบุคคลก่อน",
    "a cascade links KPIs with cascaded_from": "การถ่ายทอดตัวชี้วัดเชื่อมโยงตัวชี้วัดด้วย cascaded_from",
    "a certified round scores at least one KPI": (
        "รอบการประเมินที่รับรองผลต้องมีการให้คะแนนตัวชี้วัดอย่างน้อยหนึ่งตัวชี้วัด"
    ),
    "a change is decided (and notified) before its window closes": (
        "การเปลี่ยนแปลงต้องได้รับการวินิจฉัย (และแจ้งผล) ก่อนสิ้นสุดช่วงเวลาที่กำหนด"
    ),
    "a change request changes the KPI": "คำขอเปลี่ยนแปลงต้องเปลี่ยนแปลงรายละเอียดของตัวชี้วัด",
    (
        "a checkpoint is signed when a write is sealed with a log key (LEDGER_LOG_KEY) or by "
        "`ledger checkpoint`"
    ): (
        "จุดตรวจสอบจะได้รับการลงนามเมื่อการบันทึกถูกผนึกด้วยกุญแจของบันทึก (LEDGER_LOG_KEY) หรือด้วยคำสั่ง `ledger "
        "checkpoint`"
    ),
    "a command id names one command; a new command needs a new id": (
        "รหัสคำสั่งหนึ่งรหัสใช้กับคำสั่งเดียว คำสั่งใหม่ต้องใช้รหัสใหม่"
    ),
    "a correction changes the wording": "การแก้ไขต้องเปลี่ยนถ้อยคำของตัวชี้วัด",
    "a decision answers a recorded appeal": "คำวินิจฉัยต้องตอบคำอุทธรณ์ที่บันทึกไว้แล้ว",
    "a decision answers a recorded request": "คำวินิจฉัยต้องตอบคำขอที่บันทึกไว้แล้ว",
    "a decision records the what-if it was shown": (
        "คำวินิจฉัยต้องบันทึกผลการจำลอง (what-if) ที่ได้นำเสนอต่อผู้วินิจฉัย"
    ),
    "a drift is kept once its parent's criteria have changed": (
        "บันทึกความไม่สอดคล้องกับตัวชี้วัดต้นทางได้เมื่อเกณฑ์ของตัวชี้วัดต้นทางเปลี่ยนแปลงแล้วเท่านั้น"
    ),
    "a form is offered to users whose grants let them act in its role on the agreement": (
        "แบบฟอร์มแสดงเฉพาะผู้ใช้ที่ได้รับสิทธิ์ให้ดำเนินการในบทบาทของแบบฟอร์มนั้นสำหรับคำรับรองนี้"
    ),
    "a grant cannot be revoked retroactively": "ไม่สามารถเพิกถอนสิทธิ์ย้อนหลังได้",
    "a grant ends once": "สิทธิ์สิ้นสุดได้เพียงครั้งเดียว",
    "a joint KPI has one measure": "ตัวชี้วัดร่วมมีนิยามการวัดเพียงหนึ่งเดียว",
    "a joint KPI has one measure and one result": "ตัวชี้วัดร่วมมีนิยามการวัดและผลการดำเนินงานเพียงหนึ่งเดียว",
    "a joint KPI has one result, reported by its host agency": (
        "ตัวชี้วัดร่วมมีผลการดำเนินงานเพียงหนึ่งเดียว ซึ่งรายงานโดยหน่วยงานเจ้าภาพ"
    ),
    "a joint KPI is defined before it is joined or reported": (
        "ต้องกำหนดตัวชี้วัดร่วมก่อนจึงจะเข้าร่วมหรือรายงานผลได้"
    ),
    "a joint KPI is joined by agreements of its own year and framework": (
        "คำรับรองที่เข้าร่วมตัวชี้วัดร่วมได้ต้องอยู่ในปีงบประมาณและกรอบการประเมินผลเดียวกันกับตัวชี้วัดร่วมนั้น"
    ),
    "a joint KPI's host is the one it was defined with": (
        "หน่วยงานเจ้าภาพของตัวชี้วัดร่วมคือหน่วยงานที่ระบุไว้เมื่อกำหนดตัวชี้วัดร่วมนั้น"
    ),
    "a key file is never overwritten": "ไม่เขียนทับไฟล์กุญแจที่มีอยู่แล้ว",
    "a key name has no spaces and no '+'": "ชื่อกุญแจต้องไม่มีช่องว่างและไม่มีเครื่องหมาย '+'",
    "a line holds at most 1 MiB (1,048,576 bytes)": "ข้อมูลหนึ่งบรรทัดมีขนาดไม่เกิน 1 MiB (1,048,576 ไบต์)",
    "a line is UTF-8 text": "ข้อมูลแต่ละบรรทัดต้องเป็นข้อความ UTF-8",
    "a log position (as `ledger history` shows) or AGGREGATE_ID:VERSION": (
        "ตำแหน่งในบันทึก (ตามที่คำสั่ง `ledger history` แสดง) หรือ AGGREGATE_ID:VERSION"
    ),
    "a media type: type/subtype such as application/pdf, at most 127 characters": (
        "ประเภทสื่อ: รูปแบบ type/subtype เช่น application/pdf ความยาวไม่เกิน 127 อักขระ"
    ),
    "a member's role in a body is its secretariat or one the body decides in": (
        "บทบาทของสมาชิกในคณะบุคคลต้องเป็นฝ่ายเลขานุการ หรือบทบาทที่คณะบุคคลนั้นมีอำนาจวินิจฉัย"
    ),
    "a name: 1-200 characters, no control or bidirectional formatting characters": (
        "ชื่อ: ความยาว 1-200 อักขระ ไม่มีอักขระควบคุมหรืออักขระกำหนดทิศทางข้อความ"
    ),
    "a narrative: at most 4000 characters, no control or bidirectional formatting characters": (
        "คำบรรยาย: ความยาวไม่เกิน 4000 อักขระ ไม่มีอักขระควบคุมหรืออักขระกำหนดทิศทางข้อความ"
    ),
    "a note: at most 200 characters, no control or bidirectional formatting characters": (
        "หมายเหตุ: ความยาวไม่เกิน 200 อักขระ ไม่มีอักขระควบคุมหรืออักขระกำหนดทิศทางข้อความ"
    ),
    "an agreement is shown only to users holding a grant in force that covers it": (
        "คำรับรองใดแสดงเฉพาะผู้ใช้ที่ได้รับสิทธิ์ซึ่งยังมีผลและครอบคลุมคำรับรองนั้น"
    ),
    "a participant appeals a shared result it counts": (
        "หน่วยงานที่ร่วมใช้ตัวชี้วัดร่วมอุทธรณ์ได้เฉพาะผลการดำเนินงานร่วมที่นำมาคิดคะแนนของตน"
    ),
    "a postgresql:// URL": "URL แบบ postgresql://",
    (
        "what belongs to no agreement (users, grants, tokens, bodies, units, joint KPIs), or "
        "holds every event, is given only to a user holding opdc, administrator or auditor over "
        "the whole ledger"
    ): (
        "สิ่งที่ไม่อยู่ในคำรับรองใด (ผู้ใช้ สิทธิ์ โทเคน คณะบุคคล หน่วยงาน ตัวชี้วัดร่วม) หรือที่รวมทุกเหตุการณ์ "
        "ให้เฉพาะผู้ใช้ที่ได้รับสิทธิ์ opdc, administrator หรือ auditor ครอบคลุมทั้งระบบ"
    ),
    "a request is AGREEMENT#REQUEST_ID, e.g. TH-81/2557#CR-1": (
        "คำขอระบุในรูปแบบ AGREEMENT#REQUEST_ID เช่น TH-81/2557#CR-1"
    ),
    "a request is decided once": "คำขอได้รับการวินิจฉัยได้เพียงครั้งเดียว",
    "a round is cancelled once": "รอบการประเมินถูกยกเลิกได้เพียงครั้งเดียว",
    "a round is certified once, and again only after a score adjustment": (
        "รอบการประเมินรับรองผลได้ครั้งเดียว และรับรองผลอีกครั้งได้เฉพาะหลังมีการปรับคะแนน"
    ),
    "a statement: 1-4000 characters, no control or bidirectional formatting characters": (
        "คำชี้แจง: ความยาว 1-4000 อักขระ ไม่มีอักขระควบคุมหรืออักขระกำหนดทิศทางข้อความ"
    ),
    "a token from `ledger users token`, not expired and not revoked": (
        "โทเคนที่ออกโดยคำสั่ง `ledger users token` ซึ่งยังไม่หมดอายุและยังไม่ถูกเพิกถอน"
    ),
    "a token is revoked once": "โทเคนถูกเพิกถอนได้เพียงครั้งเดียว",
    "a trust policy is UTF-8 text": "นโยบายความเชื่อถือต้องเป็นข้อความ UTF-8",
    "a log key signs checkpoints; a witness key (--witness) cosigns them": (
        "กุญแจของบันทึกใช้ลงนามจุดตรวจสอบ กุญแจของพยาน (--witness) ใช้ลงนามรับรองร่วม"
    ),
    "at least one log key: --log-key FILE or --trust POLICY with log lines": (
        "ต้องมีกุญแจของบันทึก (log) อย่างน้อยหนึ่งดอก: ระบุ --log-key FILE หรือ --trust POLICY ที่มีบรรทัด log"
    ),
    "--witness-url NAME=URL, NAME a witness of the --trust policy": (
        "ระบุ --witness-url NAME=URL โดย NAME เป็นชื่อพยานในนโยบาย --trust"
    ),
    "the policy's quorum cosigns each checkpoint (what came is kept; ask again)": (
        "องค์ประชุมพยานตามนโยบายต้องลงนามรับรองจุดตรวจสอบทุกจุด (ลายมือชื่อที่ได้รับแล้วถูกเก็บไว้ ให้ขอใหม่อีกครั้ง)"
    ),
    "a trust policy: log, witness, group and quorum lines (docs/PROOFS.md)": (
        "นโยบายความเชื่อถือ: ประกอบด้วยบรรทัด log, witness, group และ quorum (docs/PROOFS.md)"
    ),
    "a unit's staff act for that unit only": (
        "บุคลากรของหน่วยงานดำเนินการได้เฉพาะในนามหน่วยงานของตนเท่านั้น"
    ),
    "a user enters for itself; a body's secretariat enters for the body": (
        "ผู้ใช้บันทึกข้อมูลในนามของตนเอง ฝ่ายเลขานุการของคณะบุคคลบันทึกข้อมูลในนามคณะบุคคลนั้น"
    ),
    "a user is added first": "ต้องเพิ่มผู้ใช้ก่อน",
    "a verified shared result changes only through an appeal": (
        "ผลการดำเนินงานร่วมที่ผ่านการตรวจสอบแล้วเปลี่ยนแปลงได้โดยการอุทธรณ์เท่านั้น"
    ),
    "a weight change is balanced within the KPI's component": (
        "การเปลี่ยนน้ำหนักต้องปรับให้สมดุลภายในองค์ประกอบของตัวชี้วัดนั้น"
    ),
    "a witness cosignature must verify before it is kept": (
        "ลายมือชื่อร่วมของพยาน (witness) ต้องตรวจสอบผ่านก่อนจึงจะจัดเก็บ"
    ),
    "a witness cosigns only a tree that extends the last one": (
        "พยาน (witness) ลงนามร่วมเฉพาะต้นไม้ที่ต่อขยายจากต้นไม้ล่าสุดเท่านั้น"
    ),
    "add ?connect_timeout=SECONDS to the URL to wait longer": (
        "เพิ่ม ?connect_timeout=SECONDS ใน URL เพื่อให้รอการเชื่อมต่อนานขึ้น"
    ),
    "adjustments answer an upheld appeal": "การปรับผลต้องเป็นไปตามคำอุทธรณ์ที่ฟังขึ้น",
    "after signing, KPIs change only through change requests": (
        "หลังลงนามคำรับรองแล้ว ตัวชี้วัดเปลี่ยนแปลงได้โดยคำขอเปลี่ยนแปลงเท่านั้น"
    ),
    "agreement must be opened first": "ต้องเปิดคำรับรองการปฏิบัติราชการก่อน",
    "amend requests carry the new criteria, target or weight": (
        "คำขอแก้ไขต้องระบุเกณฑ์การให้คะแนน ค่าเป้าหมาย หรือน้ำหนักใหม่"
    ),
    "amended decisions carry new values": "คำวินิจฉัยที่มีการแก้ไขต้องระบุค่าใหม่",
    "amendments are a JSON object": "รายการแก้ไขต้องเป็นออบเจกต์ JSON",
    "amendments as in decide_change": "รายการแก้ไขมีรูปแบบเดียวกับใน decide_change",
    "amendments change the proposed terms of an amend request": (
        "รายการแก้ไขต้องเปลี่ยนรายละเอียดที่เสนอไว้ในคำขอแก้ไข"
    ),
    "an actor holds a grant of its role covering the command's scope when it is recorded": (
        "ผู้ดำเนินการต้องได้รับสิทธิ์ในบทบาทของตนซึ่งครอบคลุมขอบเขตของคำสั่ง ณ เวลาที่บันทึก"
    ),
    "an adjustment changes the result": "การปรับผลต้องเปลี่ยนผลการดำเนินงาน",
    "an adjustment changes the score": "การปรับคะแนนต้องเปลี่ยนคะแนน",
    "an agreement is signed once": "คำรับรองการปฏิบัติราชการลงนามได้เพียงครั้งเดียว",
    "an agreement keeps at least one scored KPI": (
        "คำรับรองการปฏิบัติราชการต้องมีตัวชี้วัดที่ใช้คิดคะแนนอย่างน้อยหนึ่งตัวชี้วัด"
    ),
    "an agreement ref: a unit id, '/' and a four-digit fiscal year (TH-81/2557)": (
        "การอ้างอิงคำรับรอง: รหัสหน่วยงาน ตามด้วย '/' และปีงบประมาณสี่หลัก (TH-81/2557)"
    ),
    "an appeal answers a recorded score": "อุทธรณ์ได้เฉพาะคะแนนที่บันทึกไว้แล้ว",
    "an appeal answers a verified result": "อุทธรณ์ได้เฉพาะผลการดำเนินงานที่ผ่านการตรวจสอบแล้ว",
    "an appeal is decided once": "คำอุทธรณ์ได้รับการวินิจฉัยได้เพียงครั้งเดียว",
    "an event fits one C2SP tile entry (65,535 bytes canonical)": (
        "เหตุการณ์หนึ่งรายการต้องมีขนาดไม่เกินหนึ่งรายการของ C2SP tile (65,535 ไบต์ในรูปแบบมาตรฐาน)"
    ),
    "an export is written into a new or empty directory": (
        "ข้อมูลส่งออกต้องเขียนลงในไดเรกทอรีใหม่หรือไดเรกทอรีว่าง"
    ),
    "an id: 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit": (
        "รหัส: ตัวอักษร ตัวเลข '.', '_' หรือ '-' จำนวน 1-64 อักขระ โดยขึ้นต้นด้วยตัวอักษรหรือตัวเลข"
    ),
    "appeal ids are unique within a joint KPI": "รหัสอุทธรณ์ต้องไม่ซ้ำกันภายในตัวชี้วัดร่วมเดียวกัน",
    "appeal ids are unique within an agreement": "รหัสอุทธรณ์ต้องไม่ซ้ำกันภายในคำรับรองเดียวกัน",
    "appeals only in the rounds the framework names": (
        "อุทธรณ์ได้เฉพาะในรอบการประเมินที่กรอบการประเมินผลกำหนด"
    ),
    "as-of --effective needs a time at or after the agreement's opening took effect": (
        "as-of --effective ต้องระบุเวลาตั้งแต่เวลาที่การเปิดคำรับรองมีผลเป็นต้นไป"
    ),
    "as-of needs a time at or after the agreement was opened": (
        "as-of ต้องระบุเวลาตั้งแต่เวลาที่เปิดคำรับรองเป็นต้นไป"
    ),
    "at least one scored KPI": "ต้องมีตัวชี้วัดที่ใช้คิดคะแนนอย่างน้อยหนึ่งตัวชี้วัด",
    "at most 10 thresholds": "ค่าเกณฑ์ไม่เกิน 10 ค่า",
    "at most 5 prior years' results": "ผลการดำเนินงานย้อนหลังไม่เกิน 5 ปี",
    "prior results are of the 20 fiscal years before the agreement's, oldest first": (
        "ผลการดำเนินงานย้อนหลังต้องเป็นของปีงบประมาณใน 20 ปีก่อนปีของคำรับรอง เรียงจากปีเก่าไปปีใหม่"
    ),
    "at most 11 roles (each role once)": "บทบาทไม่เกิน 11 บทบาท (แต่ละบทบาทระบุได้ครั้งเดียว)",
    "at most 20 evidence files": "ไฟล์หลักฐานไม่เกิน 20 ไฟล์",
    "at most 20 signatories": "ผู้ลงนามไม่เกิน 20 คน",
    "at most 200 units": "หน่วยงานไม่เกิน 200 หน่วยงาน",
    "at most 28 decimal places": "ทศนิยมไม่เกิน 28 ตำแหน่ง",
    "at most 28 significant digits": "เลขนัยสำคัญไม่เกิน 28 หลัก",
    "at most 5 effectiveness KPIs (group and province strategy)": (
        "ตัวชี้วัดการประเมินด้านประสิทธิผลไม่เกิน 5 ตัวชี้วัด"
    ),
    "at most 60 KPIs proposed per agreement": "เสนอตัวชี้วัดได้ไม่เกิน 60 ตัวชี้วัดต่อคำรับรอง",
    "at most 60 assessments (one per KPI)": "ผลการประเมินไม่เกิน 60 รายการ (ตัวชี้วัดละหนึ่งรายการ)",
    "at most 60 results (one per KPI)": "ผลการดำเนินงานไม่เกิน 60 รายการ (ตัวชี้วัดละหนึ่งรายการ)",
    "audit one agreement or all of them": "ตรวจสอบคำรับรองฉบับเดียว หรือทุกฉบับ",
    "body ids are unique": "รหัสคณะบุคคลต้องไม่ซ้ำกัน",
    "both parties sign": "ทั้งสองฝ่ายต้องลงนาม",
    "cancel requests carry no new terms": "คำขอยกเลิกต้องไม่ระบุรายละเอียดใหม่",
    "cascaded_from is AGREEMENT#KPI_ID of a KPI in force, measured the same way": (
        "cascaded_from ต้องเป็น AGREEMENT#KPI_ID ของตัวชี้วัดที่มีผลอยู่ และวัดผลด้วยวิธีเดียวกัน"
    ),
    "a KPI cascades from another unit's agreement, never its own agreement or itself": (
        "ตัวชี้วัดต้องถ่ายทอดจากคำรับรองของหน่วยงานอื่น ไม่ใช่จากคำรับรองฉบับเดียวกันหรือจากตัวเอง"
    ),
    "a KPI cascades from a KPI of the same fiscal year": (
        "ตัวชี้วัดต้องถ่ายทอดจากตัวชี้วัดของปีงบประมาณเดียวกัน"
    ),
    "a cascade never loops back on itself": "การถ่ายทอดตัวชี้วัดต้องไม่วนกลับมาที่ตัวชี้วัดเดิม",
    "a cascade has at most 8 levels": "การถ่ายทอดตัวชี้วัดมีได้ไม่เกิน 8 ระดับ",
    "certified scores change only through appeals": "คะแนนที่รับรองผลแล้วเปลี่ยนแปลงได้โดยการอุทธรณ์เท่านั้น",
    "change requests apply to signed agreements": (
        "คำขอเปลี่ยนแปลงใช้ได้กับคำรับรองการปฏิบัติราชการที่ลงนามแล้วเท่านั้น"
    ),
    "change requests are taken in the framework's windows only": (
        "รับคำขอเปลี่ยนแปลงเฉพาะภายในช่วงเวลาที่กรอบการประเมินผลกำหนดเท่านั้น"
    ),
    "check the URL's user": "ตรวจสอบชื่อผู้ใช้ใน URL",
    "checkpoint notes are regular files of at most 65536 bytes": (
        "บันทึกจุดตรวจสอบต้องเป็นไฟล์ปกติขนาดไม่เกิน 65536 ไบต์"
    ),
    "command schema": "ต้องเป็นไปตามโครงสร้างข้อมูล (schema) ของคำสั่ง",
    "command type must be known": "ประเภทคำสั่งต้องเป็นประเภทที่ระบบรู้จัก",
    "committee members and secretariats act within their body": (
        "กรรมการและฝ่ายเลขานุการดำเนินการได้ภายในคณะบุคคลของตนเท่านั้น"
    ),
    "component must exist in the framework": "องค์ประกอบต้องมีอยู่ในกรอบการประเมินผล",
    "consistency files are regular files of at most 67108864 bytes": (
        "ไฟล์ความสอดคล้อง (consistency file) ต้องเป็นไฟล์ปกติขนาดไม่เกิน 67108864 ไบต์"
    ),
    "content hash is SHA-256": "ค่าแฮชของเนื้อหาต้องเป็น SHA-256",
    "cosignatures are attached to the tree head this log signed": (
        "ลายมือชื่อร่วมต้องแนบกับส่วนหัวของต้นไม้ (tree head) ที่บันทึกนี้ได้ลงนามไว้"
    ),
    "create it (createdb), then run `ledger db init --db URL` as its owner": (
        "สร้างฐานข้อมูล (createdb) แล้วรันคำสั่ง `ledger db init --db URL` ในฐานะเจ้าของฐานข้อมูล"
    ),
    "dimension 1 + dimension 2 must exceed dimension 3 + dimension 4": (
        "น้ำหนักมิติที่ 1 รวมกับมิติที่ 2 ต้องมากกว่ามิติที่ 3 รวมกับมิติที่ 4"
    ),
    "each event is in the log once; run `ledger verify`": (
        "เหตุการณ์แต่ละรายการอยู่ในบันทึกได้เพียงครั้งเดียว โปรดรันคำสั่ง `ledger verify`"
    ),
    "each key appears once in an object": "แต่ละคีย์ปรากฏได้เพียงครั้งเดียวในออบเจกต์",
    "each mandatory KPI appears once": "ตัวชี้วัดภาคบังคับแต่ละตัวปรากฏได้เพียงครั้งเดียว",
    "each role once; not administrator": "ระบุแต่ละบทบาทได้ครั้งเดียว และต้องไม่ใช่บทบาทผู้ดูแลระบบ",
    "each step is taken by the role it belongs to": "แต่ละขั้นตอนดำเนินการโดยบทบาทที่รับผิดชอบขั้นตอนนั้น",
    "evaluators score results the unit has filed": (
        "ผู้ประเมินอิสระให้คะแนนเฉพาะผลการดำเนินงานที่หน่วยงานยื่นไว้แล้ว"
    ),
    "evaluators verify results the host has filed": (
        "ผู้ประเมินอิสระตรวจสอบเฉพาะผลการดำเนินงานที่หน่วยงานเจ้าภาพยื่นไว้แล้ว"
    ),
    "every /api request carries `Authorization: Bearer <token>`": (
        "คำขอ /api ทุกรายการต้องมีส่วนหัว `Authorization: Bearer <token>`"
    ),
    "every event is covered by a trusted checkpoint (sign one, have it cosigned)": (
        "เหตุการณ์ทุกรายการต้องอยู่ภายใต้จุดตรวจสอบที่เชื่อถือได้ (ลงนามจุดตรวจสอบและให้พยานลงนามร่วม)"
    ),
    "every event is in the tree the signed checkpoint names": (
        "เหตุการณ์ทุกรายการต้องอยู่ในต้นไม้ที่จุดตรวจสอบที่ลงนามแล้วระบุไว้"
    ),
    "every leaf, checkpoint, rule, view and evidence file must check out": (
        "ใบ (leaf) จุดตรวจสอบ กฎ มุมมองข้อมูล และไฟล์หลักฐานทุกรายการต้องตรวจสอบผ่าน"
    ),
    "every proposed KPI is accepted, amended or rejected before signing": (
        "ตัวชี้วัดที่เสนอทุกตัวต้องได้รับการยอมรับ แก้ไข หรือปฏิเสธก่อนลงนาม"
    ),
    "every scored KPI is assessed before certifying": (
        "ตัวชี้วัดที่ใช้คิดคะแนนทุกตัวต้องได้รับการประเมินก่อนรับรองผล"
    ),
    "every stored event is readable": "เหตุการณ์ที่จัดเก็บทุกรายการต้องอ่านได้",
    "every write ends sealed": "การบันทึกทุกครั้งต้องสิ้นสุดด้วยการผนึก",
    "every write is entered by a signed-in, registered user": (
        "การบันทึกทุกครั้งต้องดำเนินการโดยผู้ใช้ที่ลงทะเบียนและเข้าสู่ระบบแล้ว"
    ),
    "every write is signed in": "การบันทึกทุกครั้งต้องเข้าสู่ระบบก่อน",
    "evidence files are regular files of at most 268435456 bytes": (
        "ไฟล์หลักฐานต้องเป็นไฟล์ปกติขนาดไม่เกิน 268435456 ไบต์"
    ),
    "evidence files hold at most 268435456 bytes": "ไฟล์หลักฐานมีขนาดไม่เกิน 268435456 ไบต์",
    "evidence has bytes": "ไฟล์หลักฐานต้องมีเนื้อหา (ไม่เป็นไฟล์ว่าง)",
    "evidence is uploaded before it is downloaded": "ต้องอัปโหลดหลักฐานก่อนจึงจะดาวน์โหลดได้",
    "export manifests are regular files of at most 1048576 bytes": (
        "รายการกำกับข้อมูลส่งออก (export manifest) ต้องเป็นไฟล์ปกติขนาดไม่เกิน 1048576 ไบต์"
    ),
    "follow needs a postgresql:// store; on SQLite run `ledger project` to pull": (
        "follow ใช้ได้กับที่จัดเก็บข้อมูลแบบ postgresql:// เท่านั้น หากใช้ SQLite ให้รันคำสั่ง `ledger project` "
        "เพื่อดึงข้อมูล"
    ),
    "format assessment-ledger/export/v1": "ต้องเป็นรูปแบบ assessment-ledger/export/v1",
    "framework and agreement share a fiscal year": (
        "กรอบการประเมินผลและคำรับรองการปฏิบัติราชการต้องเป็นปีงบประมาณเดียวกัน"
    ),
    "framework must cover the unit's level": "กรอบการประเมินผลต้องครอบคลุมระดับของหน่วยงาน",
    "framework must exist": "กรอบการประเมินผลต้องมีอยู่ในระบบ",
    "free space on the store's disk, then run the command again": (
        "เพิ่มพื้นที่ว่างบนดิสก์ของที่จัดเก็บข้อมูล แล้วรันคำสั่งอีกครั้ง"
    ),
    "free space or repair the disk, then run the command again": (
        "เพิ่มพื้นที่ว่างหรือซ่อมแซมดิสก์ แล้วรันคำสั่งอีกครั้ง"
    ),
    "free space, then run the command again": "เพิ่มพื้นที่ว่าง แล้วรันคำสั่งอีกครั้ง",
    "grants are numbered 1, 2, 3… per user (ledger users show)": (
        "สิทธิ์ของผู้ใช้แต่ละคนมีหมายเลข 1, 2, 3… (ดูได้ด้วยคำสั่ง ledger users show)"
    ),
    "joint KPI ids are unique": "รหัสตัวชี้วัดร่วมต้องไม่ซ้ำกัน",
    "joint KPI must be defined first": "ต้องกำหนดตัวชี้วัดร่วมก่อน",
    "key files are regular files of at most 65536 bytes": "ไฟล์กุญแจต้องเป็นไฟล์ปกติขนาดไม่เกิน 65536 ไบต์",
    "later than now and at most 366 days ahead": "ต้องเป็นเวลาหลังปัจจุบันและไม่เกิน 366 วันนับจากนี้",
    "mandatory KPIs keep the framework's weight": "ตัวชี้วัดภาคบังคับต้องมีน้ำหนักตามที่กรอบการประเมินผลกำหนด",
    "mandatory code must be listed by the framework": (
        "รหัสตัวชี้วัดภาคบังคับต้องเป็นรหัสที่กรอบการประเมินผลกำหนดไว้"
    ),
    "milestone KPIs have no thresholds": "ตัวชี้วัดระดับความสำเร็จไม่มีค่าเกณฑ์",
    "monitor KPIs have weight 0": "ตัวชี้วัดเพื่อการติดตามมีน้ำหนักเป็น 0",
    "name a variable that holds the role's password": "ระบุชื่อตัวแปรสภาพแวดล้อมที่เก็บรหัสผ่านของบทบาทนั้น",
    "no SAR is filed for a cancelled round": (
        "ไม่ยื่นรายงานผลการประเมินตนเอง (SAR) สำหรับรอบการประเมินที่ยกเลิกแล้ว"
    ),
    "no login belongs to the schema's owner role; revoke that membership first": (
        "ต้องไม่มีบัญชีเข้าสู่ระบบ (login) ใดเป็นสมาชิกของบทบาทเจ้าของ schema โปรดเพิกถอนการเป็นสมาชิกนั้นก่อน"
    ),
    "no result is filed for a cancelled round": "ไม่ยื่นผลการดำเนินงานสำหรับรอบการประเมินที่ยกเลิกแล้ว",
    "numbers below 10^15 in magnitude": "ตัวเลขต้องมีค่าสัมบูรณ์น้อยกว่า 10^15",
    "numbers must be finite (no NaN or infinity)": "ตัวเลขต้องเป็นค่าจำกัด (ไม่เป็น NaN หรืออนันต์)",
    (
        "on PostgreSQL, run `ledger db init --db URL` first (as a superuser, or a login with "
        "CREATEROLE)"
    ): (
        "สำหรับ PostgreSQL ให้รันคำสั่ง `ledger db init --db URL` ก่อน (ในฐานะ superuser หรือบัญชีที่มีสิทธิ์ "
        "CREATEROLE)"
    ),
    "one JSON object per line": "หนึ่งบรรทัดต่อหนึ่งออบเจกต์ JSON",
    "one adjustment per appeal": "ปรับผลได้หนึ่งครั้งต่อหนึ่งคำอุทธรณ์",
    "one agreement per unit per fiscal year": "หน่วยงานหนึ่งมีคำรับรองการปฏิบัติราชการได้หนึ่งฉบับต่อปีงบประมาณ",
    "one file a line: its SHA-256 (64 lowercase hex digits), a space, its file name": (
        "บรรทัดละหนึ่งไฟล์: ค่า SHA-256 ของไฟล์ (เลขฐานสิบหกตัวพิมพ์เล็ก 64 หลัก) เว้นวรรค แล้วตามด้วยชื่อไฟล์"
    ),
    (
        "one of: scores, trail, requests, sar, integrity, versions, governor, warnings, joints, "
        "cascades"
    ): (
        "ค่าใดค่าหนึ่งต่อไปนี้: scores, trail, requests, sar, integrity, versions, governor, warnings, "
        "joints, cascades"
    ),
    "one open appeal per KPI and round": "อุทธรณ์ที่ยังไม่ได้วินิจฉัยมีได้หนึ่งรายการต่อตัวชี้วัดต่อรอบการประเมิน",
    "one open appeal per shared result": "อุทธรณ์ที่ยังไม่ได้วินิจฉัยมีได้หนึ่งรายการต่อผลการดำเนินงานร่วมหนึ่งรายการ",
    "one open change request per KPI": "คำขอเปลี่ยนแปลงที่ยังไม่ได้วินิจฉัยมีได้หนึ่งรายการต่อตัวชี้วัด",
    "one tree head per size (two would be a fork)": (
        "ขนาดต้นไม้หนึ่งขนาดมีส่วนหัวของต้นไม้ (tree head) ได้หนึ่งรายการ (หากมีสองรายการถือเป็นการแยกสาขา)"
    ),
    "one value per KPI": "หนึ่งค่าต่อหนึ่งตัวชี้วัด",
    "only 'approved_with_amendments' carries amendments": (
        "เฉพาะคำวินิจฉัย 'approved_with_amendments' เท่านั้นที่มีรายการแก้ไข"
    ),
    "only `ledger apply`, `ledger demo` and `ledger db init` create a store": (
        "เฉพาะคำสั่ง `ledger apply`, `ledger demo` และ `ledger db init` เท่านั้นที่สร้างที่จัดเก็บข้อมูล"
    ),
    "only a batch whose commands all carry a command_id is sent again after a failure": (
        "ส่งชุดคำสั่งซ้ำหลังเกิดข้อผิดพลาดได้เฉพาะเมื่อทุกคำสั่งในชุดมี command_id"
    ),
    "only a cascaded KPI can drift from its parent": (
        "เฉพาะตัวชี้วัดที่ถ่ายทอดมาเท่านั้นที่อาจไม่สอดคล้องกับตัวชี้วัดต้นทาง"
    ),
    "only a command with a command_id is sent again after a failure": (
        "ส่งคำสั่งซ้ำหลังเกิดข้อผิดพลาดได้เฉพาะคำสั่งที่มี command_id"
    ),
    "only amended decisions carry new values": "เฉพาะคำวินิจฉัยที่มีการแก้ไขเท่านั้นที่ระบุค่าใหม่",
    "only real folders inside the given folder are read (no links)": (
        "อ่านเฉพาะโฟลเดอร์จริงภายในโฟลเดอร์ที่ระบุ (ไม่อ่านลิงก์)"
    ),
    "optimistic concurrency on the aggregate version": (
        "ควบคุมการบันทึกพร้อมกันแบบ optimistic ตามเวอร์ชันของ aggregate"
    ),
    "pass --key FILE or set LEDGER_LOG_KEY": "ระบุ --key FILE หรือกำหนด LEDGER_LOG_KEY",
    "per-participant targets only where the framework allows them": (
        "กำหนดค่าเป้าหมายแยกรายหน่วยงานที่ร่วมใช้ได้เฉพาะเมื่อกรอบการประเมินผลอนุญาต"
    ),
    "point --db at a ledger store, or create one with `ledger apply`": (
        "ระบุ --db ไปยังที่จัดเก็บข้อมูลของระบบ หรือสร้างขึ้นใหม่ด้วยคำสั่ง `ledger apply`"
    ),
    "postgresql://USER@HOST:PORT/DB?schema=S of a streaming-replication standby": (
        "postgresql://USER@HOST:PORT/DB?schema=S ของเครื่องสำรอง (standby) แบบ streaming replication"
    ),
    "postgresql://USER@HOST:PORT/DB?schema=S&pool_size=N&connect_timeout=SECONDS": (
        "URL ในรูปแบบ postgresql://USER@HOST:PORT/DB?schema=S&pool_size=N&connect_timeout=SECONDS"
    ),
    "proof bundles are regular files of at most 67108864 bytes": (
        "ชุดหลักฐานการพิสูจน์ต้องเป็นไฟล์ปกติขนาดไม่เกิน 67108864 ไบต์"
    ),
    "proof bundles are written as regular files inside the --proofs folder": (
        "ชุดหลักฐานการพิสูจน์เขียนเป็นไฟล์ปกติภายในโฟลเดอร์ --proofs"
    ),
    "proof bundles are written inside the --proofs folder": (
        "ชุดหลักฐานการพิสูจน์เขียนไว้ภายในโฟลเดอร์ --proofs"
    ),
    "reads and verify work on a read-only store; writes need a writable file and folder": (
        "การอ่านและการตรวจสอบใช้กับที่จัดเก็บข้อมูลแบบอ่านอย่างเดียวได้ ส่วนการบันทึกต้องใช้ไฟล์และโฟลเดอร์ที่เขียนได้"
    ),
    "redistribution in proportion to the remaining weights": (
        "กระจายน้ำหนักตามสัดส่วนน้ำหนักของตัวชี้วัดที่เหลือ"
    ),
    "request ids are unique within an agreement": "รหัสคำขอต้องไม่ซ้ำกันภายในคำรับรองเดียวกัน",
    "restore the store from a backup; its bytes are not what the ledger wrote": (
        "กู้คืนที่จัดเก็บข้อมูลจากข้อมูลสำรอง เนื่องจากข้อมูลไม่ตรงกับที่ระบบบันทึกไว้"
    ),
    "round must be one of the framework's rounds": "รอบการประเมินต้องเป็นรอบหนึ่งที่กรอบการประเมินผลกำหนด",
    "rule 1: a new target must not be set from results already achieved": (
        "หลักเกณฑ์ข้อ 1: ห้ามกำหนดค่าเป้าหมายใหม่จากผลการดำเนินงานที่ได้รับแล้ว"
    ),
    "rule 3: no new or replacement KPI during the year": (
        "หลักเกณฑ์ข้อ 3: ห้ามเพิ่มตัวชี้วัดใหม่หรือตัวชี้วัดทดแทนระหว่างปี"
    ),
    (
        "rule 3: no new or replacement KPI during the year (a correction keeps at least 60% of the "
        "wording)"
    ): (
        "หลักเกณฑ์ข้อ 3: ห้ามเพิ่มตัวชี้วัดใหม่หรือตัวชี้วัดทดแทนระหว่างปี (การแก้ไขถ้อยคำต้องคงถ้อยคำเดิมไว้อย่างน้อยร้อยละ "
        "60)"
    ),
    "rule 3: no new or replacement KPI during the year (after signing)": (
        "หลักเกณฑ์ข้อ 3: ห้ามเพิ่มตัวชี้วัดใหม่หรือตัวชี้วัดทดแทนระหว่างปี (ภายหลังการลงนาม)"
    ),
    "rule 4: changes only for the framework's listed external reasons": (
        "หลักเกณฑ์ข้อ 4: เปลี่ยนแปลงได้เฉพาะด้วยเหตุปัจจัยภายนอกที่กรอบการประเมินผลกำหนดไว้"
    ),
    "run `ledger checkpoint` (and have it cosigned) before proving": (
        "รันคำสั่ง `ledger checkpoint` (และให้พยานลงนามร่วม) ก่อนการพิสูจน์"
    ),
    "run `ledger checkpoint` to bring the log up to date": (
        "รันคำสั่ง `ledger checkpoint` เพื่อปรับบันทึกให้เป็นปัจจุบัน"
    ),
    "run it again when the other writer is done": "ดำเนินการอีกครั้งเมื่อผู้บันทึกรายอื่นดำเนินการเสร็จแล้ว",
    "run ledger db init as a superuser, or as a login with CREATEROLE and CREATE on the database": (
        "รันคำสั่ง ledger db init ในฐานะ superuser หรือบัญชีที่มีสิทธิ์ CREATEROLE และสิทธิ์ CREATE บนฐานข้อมูล"
    ),
    "score adjustments answer an upheld appeal": "การปรับคะแนนต้องเป็นไปตามคำอุทธรณ์ที่ฟังขึ้น",
    "scored KPIs have weight > 0": "ตัวชี้วัดที่ใช้คิดคะแนนต้องมีน้ำหนัก > 0",
    "scored KPIs keep a weight above 0": "ตัวชี้วัดที่ใช้คิดคะแนนต้องคงน้ำหนักมากกว่า 0",
    "scored and monitor KPIs change only by cancellation": (
        "ตัวชี้วัดที่ใช้คิดคะแนนและตัวชี้วัดเพื่อการติดตามเปลี่ยนประเภทได้โดยการยกเลิกเท่านั้น"
    ),
    "start the server or correct HOST:PORT in the URL": (
        "เริ่มการทำงานของเซิร์ฟเวอร์ หรือแก้ไข HOST:PORT ใน URL ให้ถูกต้อง"
    ),
    "start the standby or correct its URL": (
        "เริ่มการทำงานของเครื่องสำรอง (standby) หรือแก้ไข URL ของเครื่องสำรองให้ถูกต้อง"
    ),
    "template corrections follow the signed agreement": (
        "การแก้ไขแบบฟอร์มตัวชี้วัดกระทำได้ภายหลังการลงนามคำรับรองแล้ว"
    ),
    "text: no control or bidirectional formatting characters": (
        "ข้อความ: ไม่มีอักขระควบคุมหรืออักขระกำหนดทิศทางข้อความ"
    ),
    "the actor is one the form offers": "ผู้ดำเนินการต้องเป็นผู้ที่แบบฟอร์มเสนอให้เลือก",
    "the application role must not belong to the schema's owner role": (
        "บทบาทของแอปพลิเคชันต้องไม่เป็นสมาชิกของบทบาทเจ้าของ schema"
    ),
    "the application role must not own the schema": "บทบาทของแอปพลิเคชันต้องไม่เป็นเจ้าของ schema",
    "the bootstrap's actor is {id: user_id, role: administrator}": (
        "ผู้ดำเนินการในการตั้งค่าเริ่มต้นต้องเป็น {id: user_id, role: administrator}"
    ),
    "the demo never overwrites a database unasked": "การสาธิตจะไม่เขียนทับฐานข้อมูลหากไม่ได้รับคำสั่งให้เขียนทับ",
    "a simulated clock is for a new demo store, never for one in use": (
        "นาฬิกาจำลองใช้ได้กับฐานข้อมูลสาธิตที่สร้างใหม่เท่านั้น ไม่ใช้กับฐานข้อมูลที่ใช้งานอยู่"
    ),
    "the file and its folder must exist and be readable by this user": (
        "ไฟล์และโฟลเดอร์ของไฟล์ต้องมีอยู่และผู้ใช้นี้ต้องอ่านได้"
    ),
    "the first administrator is bootstrapped once": "ตั้งค่าผู้ดูแลระบบคนแรกได้เพียงครั้งเดียว",
    "the schema's owner is a NOLOGIN, NOSUPERUSER role nobody logs in as": (
        "เจ้าของ schema ต้องเป็นบทบาท NOLOGIN, NOSUPERUSER ที่ไม่มีผู้ใดใช้เข้าสู่ระบบ"
    ),
    "the store and its folder must be readable (and writable, to write)": (
        "ที่จัดเก็บข้อมูลและโฟลเดอร์ต้องอ่านได้ (และต้องเขียนได้ หากจะบันทึกข้อมูล)"
    ),
    "thresholds in order for the direction": "ค่าเกณฑ์ต้องเรียงลำดับตามทิศทางของตัวชี้วัด",
    "token ids are unique": "รหัสโทเคนต้องไม่ซ้ำกัน",
    "token must exist": "โทเคนต้องมีอยู่ในระบบ",
    "unit ids are unique": "รหัสหน่วยงานต้องไม่ซ้ำกัน",
    "unit must be registered first": "ต้องลงทะเบียนหน่วยงานก่อน",
    "user ids are unique": "รหัสผู้ใช้ต้องไม่ซ้ำกัน",
    "valid_until is later than the grant's effective time": (
        "valid_until ต้องเป็นเวลาหลังเวลาที่สิทธิ์เริ่มมีผล"
    ),
    "verification trusts only anchors you bring: --trust FILE or --key FILE": (
        "การตรวจสอบเชื่อถือเฉพาะหลักยึด (anchor) ที่ท่านระบุเอง: --trust FILE หรือ --key FILE"
    ),
    "weight >= 0": "น้ำหนัก >= 0",
    "weights total 100": "น้ำหนักรวมต้องเท่ากับ 100",
    "wording corrections only where the framework provides for them": (
        "แก้ไขถ้อยคำได้เฉพาะเมื่อกรอบการประเมินผลกำหนดให้ทำได้"
    ),
    # The Excel export (commands/reports, ledger export-xlsx, the web pages' download).
    "a fiscal year (BE) of the framework registry": "ปีงบประมาณ (พ.ศ.) ที่มีในทะเบียนกรอบการประเมินผล",
    "a round of the framework registry's frameworks for the fiscal year chosen": (
        "รอบการประเมินที่มีในกรอบการประเมินผลของปีงบประมาณที่เลือก"
    ),
    "an Excel workbook's file name ends in .xlsx": "ชื่อไฟล์ Excel ต้องลงท้ายด้วย .xlsx",
    "the file is written into a folder that exists and may be written": (
        "ต้องบันทึกไฟล์ลงในโฟลเดอร์ที่มีอยู่และมีสิทธิ์เขียน"
    ),
    "an export holds only agreements the reader's grants in force cover": (
        "ไฟล์ที่ส่งออกมีเฉพาะคำรับรองที่สิทธิ์ซึ่งมีผลอยู่ของผู้ใช้ครอบคลุม"
    ),
    # KPI templates imported from Excel (commands.kpi_templates).
    "the level is one of the framework's": "ระดับหน่วยงานต้องเป็นระดับหนึ่งของกรอบการประเมิน",
    "a KPI template is an .xlsx workbook": "แบบฟอร์มตัวชี้วัดต้องเป็นไฟล์ Excel แบบ .xlsx",
    "a KPI template is an .xlsx file of at most 2 MiB": (
        "แบบฟอร์มตัวชี้วัดต้องเป็นไฟล์ .xlsx ขนาดไม่เกิน 2 MiB"
    ),
    "a KPI template unpacks to at most 4 MiB": "แบบฟอร์มตัวชี้วัดเมื่อขยายไฟล์แล้วต้องมีขนาดไม่เกิน 4 MiB",
    "a KPI template holds the sheets it was written with": (
        "แบบฟอร์มตัวชี้วัดต้องมีเฉพาะแผ่นงานที่ระบบสร้างไว้"
    ),
    "a KPI template is imported into an agreement under its framework": (
        "นำเข้าแบบฟอร์มตัวชี้วัดได้เฉพาะคำรับรองภายใต้กรอบการประเมินของแบบฟอร์มนั้น"
    ),
    "a KPI template keeps the header row it was written with": (
        "แถวหัวตารางของแบบฟอร์มตัวชี้วัดต้องคงไว้ตามที่ระบบสร้าง"
    ),
    "a KPI template's cells hold typed text or numbers, not formulas, dates or errors": (
        "เซลล์ในแบบฟอร์มตัวชี้วัดต้องเป็นข้อความหรือตัวเลขที่พิมพ์ลงไป ไม่ใช่สูตร วันที่ หรือค่าผิดพลาด"
    ),
    "a number cell holds a decimal number (104.5, -3, 0.25)": (
        "ช่องตัวเลขต้องเป็นเลขทศนิยม (104.5, -3, 0.25)"
    ),
    "a monitor cell says yes or no": "ช่องติดตามเท่านั้นต้องระบุว่า ใช่ หรือ ไม่ใช่",
    "a KPI row fills every column marked *": "แถวตัวชี้วัดต้องกรอกทุกช่องที่มีเครื่องหมาย *",
    "a KPI template has no merged cells": "แบบฟอร์มตัวชี้วัดต้องไม่มีการรวมเซลล์",
    "a KPI template holds at most 60 KPI rows, in rows 2 to 1001": (
        "แบบฟอร์มตัวชี้วัดมีตัวชี้วัดได้ไม่เกิน 60 แถว อยู่ในแถวที่ 2 ถึง 1001"
    ),
    "a KPI template has no columns beyond those it was written with": (
        "แบบฟอร์มตัวชี้วัดต้องไม่มีคอลัมน์เกินจากที่ระบบสร้างไว้"
    ),
    "KPI ids are unique within a template": "รหัสตัวชี้วัดต้องไม่ซ้ำกันในแบบฟอร์ม",
    "a KPI template holds at least one KPI row": "แบบฟอร์มตัวชี้วัดต้องมีตัวชี้วัดอย่างน้อยหนึ่งแถว",
    "a filled KPI template is chosen to upload": "ต้องเลือกไฟล์แบบฟอร์มตัวชี้วัดที่กรอกแล้วเพื่ออัปโหลด",
    "the report is written as FILE.pdf or FILE.html": "รายงานต้องบันทึกเป็นไฟล์ FILE.pdf หรือ FILE.html",
    "tile/<L>/<N>[.p/<W>] or tile/entries/<N>[.p/<W>] (c2sp.org/tlog-tiles)": (
        "tile/<L>/<N>[.p/<W>] หรือ tile/entries/<N>[.p/<W>] (ตาม c2sp.org/tlog-tiles)"
    ),
    "tiles follow a kept checkpoint: sign one with `ledger checkpoint --key FILE`": (
        "ไทล์ต้องอ้างอิงจุดตรวจสอบ (checkpoint) ที่เก็บไว้: ลงนามก่อนด้วย `ledger checkpoint --key FILE`"
    ),
    "a tile directory holds one log, and a published path never changes its bytes": (
        "โฟลเดอร์ไทล์เก็บบันทึก (log) ได้เพียงหนึ่งเดียว และไฟล์ที่เผยแพร่แล้วต้องไม่เปลี่ยนเนื้อหา"
    ),
    "the tiles match the tree the kept checkpoint signs; run `ledger verify`": (
        "ไทล์ต้องตรงกับต้นไม้ที่จุดตรวจสอบที่เก็บไว้ลงนาม ให้รัน `ledger verify`"
    ),
    "a published checkpoint is never replaced by a smaller one": (
        "จุดตรวจสอบที่เผยแพร่แล้วต้องไม่ถูกแทนที่ด้วยจุดตรวจสอบที่เล็กกว่า"
    ),
    "tiles are served within the latest kept checkpoint's tree": (
        "ให้บริการเฉพาะไทล์ที่อยู่ภายในต้นไม้ของจุดตรวจสอบล่าสุดที่เก็บไว้"
    ),
    "/tlog serves checkpoint, tile/<L>/<N>[.p/<W>] and tile/entries/<N>[.p/<W>]": (
        "/tlog ให้บริการ checkpoint, tile/<L>/<N>[.p/<W>] และ tile/entries/<N>[.p/<W>]"
    ),
}

# Rules the code builds from values (ids, weights, scores) when it refuses: each pattern matches
# the whole English rule, and its groups fill the Thai template's {0}, {1} in order.
RULE_PATTERNS_TH: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"component (\S+) weight is (\S+)"), "น้ำหนักขององค์ประกอบ {0} ต้องเท่ากับ {1}"),
    (
        re.compile(r"component (\S+) weight at least (\S+)"),
        "น้ำหนักขององค์ประกอบ {0} ต้องไม่น้อยกว่า {1}",
    ),
    (re.compile(r"dimension (\S+) weight is (\S+)"), "น้ำหนักของมิติ {0} ต้องเท่ากับ {1}"),
    (
        re.compile(r"dimension (\S+) weight at least (\S+)"),
        "น้ำหนักของมิติ {0} ต้องไม่น้อยกว่า {1}",
    ),
    (
        re.compile(r"framework (\S+) requires KPI (\S+)"),
        "กรอบการประเมินผล {0} กำหนดให้ต้องมีตัวชี้วัด {1}",
    ),
    (
        re.compile(r"mandatory KPI (\S+) weight is (\S+)"),
        "ตัวชี้วัดภาคบังคับ {0} ต้องมีน้ำหนักเท่ากับ {1}",
    ),
    (re.compile(r"(\S+) criteria have (\S+) levels"), "เกณฑ์การให้คะแนนแบบ {0} มี {1} ระดับ"),
    (re.compile(r"weights are multiples of (\S+)"), "น้ำหนักต้องเป็นพหุคูณของ {0}"),
    (re.compile(r"scores lie between (\S+) and (\S+)"), "คะแนนต้องอยู่ระหว่าง {0} ถึง {1}"),
    (re.compile(r"names match (.+)"), "ชื่อต้องตรงตามรูปแบบ {0}"),
    (re.compile(r"a framework of the registry: (.+)"), "กรอบการประเมินผลที่มีในทะเบียน: {0}"),
)


def rule_in_thai(rule: str) -> str:
    """The rule in Thai: listed as it is, or built from values by one of the patterns; a rule
    neither knows stays in English.

    >>> rule_in_thai("weights total 100")
    'น้ำหนักรวมต้องเท่ากับ 100'
    >>> rule_in_thai("component C1 weight is 60")
    'น้ำหนักขององค์ประกอบ C1 ต้องเท่ากับ 60'
    >>> rule_in_thai("no such rule")
    'no such rule'
    """
    thai = RULES_TH.get(rule)
    if thai is not None:
        return thai
    for pattern, template in RULE_PATTERNS_TH:
        found = pattern.fullmatch(rule)
        if found is not None:
            return template.format(*found.groups())
    return rule
