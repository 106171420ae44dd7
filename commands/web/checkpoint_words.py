"""The words of the checkpoints page, in Thai and English."""

from __future__ import annotations

from commands.web.i18n import Table

__all__ = ["LABELS"]

LABELS: Table = {
    "title": ("จุดตรวจสอบที่ลงนามแล้ว", "Signed checkpoints"),
    "intro": (
        "ทุกเหตุการณ์ในบัญชีเป็นใบของต้นไม้เมอร์เคิล (RFC 9162) ผู้ดูแลบัญชีลงนามรากของต้นไม้ "
        "(จุดตรวจสอบ) หลังการบันทึกแต่ละครั้ง และผู้รับรองอิสระลงนามร่วมได้ "
        "หลักฐานการบันทึกของเหตุการณ์หนึ่งพิสูจน์ได้โดยไม่ต้องใช้ฐานข้อมูลว่าเหตุการณ์นั้นอยู่ในต้นไม้ที่ลงนามแล้ว",
        "Every event of the ledger is a leaf of a Merkle tree (RFC 9162). The operator signs "
        "the tree's head (a checkpoint) after each write, and independent witnesses may "
        "cosign it. An event's proof bundle proves, with no database, that the event is in "
        "the signed tree.",
    ),
    "kept": ("จุดตรวจสอบล่าสุด", "Newest checkpoints"),
    "origin": ("ชื่อบันทึก", "Log"),
    "size": ("จำนวนเหตุการณ์", "Tree size (events)"),
    "root": ("แฮชราก (base64)", "Root hash (base64)"),
    "signed_by": ("ลงนามโดย", "Signed by"),
    "none_kept": (
        "ยังไม่มีจุดตรวจสอบที่ลงนาม (ผู้ดูแลระบบยังไม่ได้ตั้งกุญแจของบันทึก)",
        "No checkpoint is signed yet (the operator has not set the log key)",
    ),
    "latest": ("บันทึกลงนามล่าสุด (signed note)", "The latest signed note"),
    "latest_help": (
        "ข้อความนี้มาจากผู้ดูแลบัญชี ใช้เปรียบเทียบได้ แต่กุญแจสาธารณะที่ใช้ตรวจต้องได้มาจากช่องทางที่ท่านเชื่อถือเอง",
        "This text comes from the operator: compare with it, but take the public key you "
        "check it with from a channel you trust yourself",
    ),
    "events_title": ("เหตุการณ์ของคำรับรองและหลักฐานการบันทึก", "An agreement's events and their proofs"),
    "agreement": ("คำรับรอง", "Agreement"),
    "choose": ("เลือกคำรับรอง", "Choose an agreement"),
    "list": ("แสดงเหตุการณ์", "List its events"),
    "position": ("ลำดับในบันทึก", "Log position"),
    "version": ("ฉบับ", "Version"),
    "event": ("เหตุการณ์", "Event"),
    "kpis": ("ตัวชี้วัด", "KPIs"),
    "recorded": ("บันทึกเมื่อ", "Recorded"),
    "effective": ("มีผลเมื่อ", "Effective"),
    "actor": ("ผู้ดำเนินการ", "Actor"),
    "entered_by": ("บันทึกโดย", "entered by"),
    "download": ("ดาวน์โหลดหลักฐาน", "Download proof"),
    "download_tlog": ("แบบ C2SP tlog-proof", "as a C2SP tlog-proof"),
    "no_events": ("ไม่มีเหตุการณ์", "No events"),
    "by_id": ("ดาวน์โหลดหลักฐานด้วยรหัสเหตุการณ์", "Download a proof by event id"),
    "event_id": ("รหัสเหตุการณ์", "Event id"),
    "event_id_help": (
        "ลำดับในบันทึกตามที่ประวัติแสดง (เช่น 216) หรือ AGGREGATE_ID:VERSION",
        "A log position as the history shows it (216, say) or AGGREGATE_ID:VERSION",
    ),
    "verify_link": ("วิธีตรวจสอบหลักฐานด้วยตนเอง", "How to verify a proof yourself"),
    "pages": ("หน้า", "Pages"),
    "older": ("จุดตรวจสอบก่อนหน้า", "Older checkpoints"),
    "newest": ("จุดตรวจสอบล่าสุด", "Newest checkpoints"),
    "agreement_help": (
        "อ้างอิงคำรับรอง: รหัสหน่วยงาน / ปีงบประมาณ เช่น TH-81/2557",
        "An agreement reference: unit id / fiscal year, as TH-81/2557",
    ),
}
