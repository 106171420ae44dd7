"""Every demo scenario by name: one per seed framework (``ledger demo --scenario NAME``): who
is in it, its framework and year, its bodies' names, and the module that tells its year."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from commands.demo import loei, pilot_department, rayong
from commands.demo.andaman import GROUP, PROVINCES, REFUSED_ON_PURPOSE, andaman_commands
from commands.demo.common import APPEAL_BODY, CHANGE_COMMITTEE, COMMITTEE, FRAMEWORK, FY
from commands.demo.scenario import Scenario
from commands.demo.shared_year import HOST, WHAT_IF_SHOWN
from ledger.frameworks.model import Framework

__all__ = ["ANDAMAN", "LOEI", "PILOT_DEPARTMENT", "RAYONG", "SCENARIOS"]

_APPEALS_OPDC = ("คณะอนุกรรมการพิจารณาอุทธรณ์ผลการประเมิน", "Appeals sub-committee, OPDC")


def _andaman(framework: Framework) -> Iterator[dict[str, Any]]:
    titles = {m.code: (m.title_th, m.title_en, str(m.weight)) for m in framework.mandatory_kpis}
    return andaman_commands(titles)


ANDAMAN = Scenario(
    name="andaman",
    title_th="กลุ่มจังหวัดภาคใต้ฝั่งอันดามัน ปีงบประมาณ พ.ศ. 2557",
    title_en="FY2557 Andaman province group and its five provinces",
    seed="000",
    framework_id=FRAMEWORK,
    fiscal_year=FY,
    # TAT hosts the joint tourism KPI: its office files the shared result (shared_year.py).
    offices=(GROUP, *PROVINCES, HOST),
    commands=_andaman,
    refused_on_purpose=REFUSED_ON_PURPOSE,
    shown_rounds=("12m",),
    starts="2014-03-01T09:00:00+07:00",
    featured="TH-81/2557",
    moments=("2014-04-01", "2014-06-01"),
    what_if_shown=WHAT_IF_SHOWN,
    body_names={
        COMMITTEE["id"]: (
            "คณะกรรมการเจรจาข้อตกลงและประเมินผลกลุ่มจังหวัดและจังหวัด",
            "Negotiation and evaluation committee, provinces",
        ),
        CHANGE_COMMITTEE["id"]: (
            "คณะกรรมการพิจารณาคำขอเปลี่ยนแปลงตัวชี้วัด",
            "KPI change-request committee, provinces",
        ),
        APPEAL_BODY["id"]: _APPEALS_OPDC,
    },
    evaluator_name=("ผู้ประเมินอิสระ ภาคใต้", "Independent evaluator, south"),
)

LOEI = Scenario(
    name="loei",
    title_th="จังหวัดเลย ปีงบประมาณ พ.ศ. 2568",
    title_en="FY2568 Loei province, with its joint tourism KPI",
    seed="004",
    framework_id=loei.FRAMEWORK,
    fiscal_year=loei.FY,
    # The Ministry's office hosts the joint tourism KPI: it files the shared result.
    offices=(*loei.PROVINCES, loei.HOST),
    commands=loei.loei_commands,
    refused_on_purpose=loei.REFUSED_ON_PURPOSE,
    shown_rounds=("12m",),
    starts="2024-10-01T09:00:00+07:00",
    featured=loei.ref("TH-42"),
    # Signed, then: the poverty targets lowered, the 6-month round, the June early warning.
    moments=("2025-01-15", "2025-06-30"),
    what_if_shown=loei.WHAT_IF,
    body_names={
        COMMITTEE["id"]: (
            "คณะกรรมการเจรจาข้อตกลงและประเมินผลการปฏิบัติราชการของจังหวัด",
            "Negotiation and evaluation committee, provinces FY2568",
        ),
        CHANGE_COMMITTEE["id"]: (loei.OVERSIGHT, "Provincial oversight committee (KPI changes)"),
        APPEAL_BODY["id"]: _APPEALS_OPDC,
    },
    evaluator_name=("ผู้ประเมินอิสระ ภาคตะวันออกเฉียงเหนือ", "Independent evaluator, northeast"),
)

RAYONG = Scenario(
    name="rayong",
    title_th="จังหวัดระยอง ส่วนราชการประจำจังหวัดและข้าราชการ ปีงบประมาณ พ.ศ. 2554",
    title_en="FY2554 Rayong: provincial agencies and their civil servants",
    seed="002",
    framework_id=rayong.FRAMEWORK,
    fiscal_year=rayong.FY,
    offices=(*rayong.AGENCIES, *rayong.PEOPLE),
    commands=rayong.rayong_commands,
    refused_on_purpose=rayong.REFUSED_ON_PURPOSE,
    shown_rounds=("12m", "h2"),
    starts="2010-10-01T09:00:00+07:00",
    # The officer whose cascaded KPI followed the agency's tightened target.
    featured=rayong.ref(rayong.FOLLOWED[0]),
    moments=("2010-11-20", "2011-05-01"),
    body_names={
        COMMITTEE["id"]: (
            "คณะทำงานเจรจาข้อตกลงและประเมินผล จังหวัดระยอง",
            "Rayong negotiation and evaluation working group",
        ),
        CHANGE_COMMITTEE["id"]: (
            "คณะกรรมการพิจารณาคำขอเปลี่ยนแปลงตัวชี้วัด จังหวัดระยอง",
            "Rayong KPI change committee",
        ),
        APPEAL_BODY["id"]: (
            "คณะกรรมการกลั่นกรองผลการประเมิน จังหวัดระยอง",
            "Rayong screening committee (appeals)",
        ),
    },
    evaluator_name=("ผู้ประเมินผลการปฏิบัติราชการ จังหวัดระยอง", "Performance evaluator, Rayong"),
)

PILOT_DEPARTMENT = Scenario(
    name="pilot-department",
    title_th="ส่วนราชการระดับกรมในกระทรวงนำร่อง (กระทรวงการคลัง) ปีงบประมาณ พ.ศ. 2552",
    title_en="FY2552 pilot ministry (Finance) and three of its departments",
    seed="001",
    framework_id=pilot_department.FRAMEWORK,
    fiscal_year=pilot_department.FY,
    offices=tuple((d.unit_id, d.name_th, d.name_en) for d in pilot_department.DEPARTMENTS),
    commands=pilot_department.pilot_department_commands,
    refused_on_purpose=pilot_department.REFUSED_ON_PURPOSE,
    shown_rounds=("12m",),
    starts="2008-10-01T09:00:00+07:00",
    featured=f"{pilot_department.EXCISE}/{pilot_department.FY}",
    moments=("2009-12-15", "2010-03-31"),
    body_names={
        COMMITTEE["id"]: (
            pilot_department.COMMITTEE_NAME,
            "Negotiation and evaluation committee, Finance",
        ),
        CHANGE_COMMITTEE["id"]: (
            "คณะกรรมการกำกับดูแลการจัดทำคำรับรองการปฏิบัติราชการ กระทรวงการคลัง",
            "Oversight committee, Ministry of Finance",
        ),
        APPEAL_BODY["id"]: (
            "คณะกรรมการพิจารณาคำขอทบทวนผลการประเมิน กระทรวงการคลัง",
            "Review committee, Ministry of Finance",
        ),
    },
    evaluator_name=("ผู้ประเมินอิสระ กระทรวงการคลัง", "Independent evaluator, Ministry of Finance"),
)

SCENARIOS: dict[str, Scenario] = {s.name: s for s in (ANDAMAN, LOEI, RAYONG, PILOT_DEPARTMENT)}
