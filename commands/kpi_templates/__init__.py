"""KPI templates in Excel: a blank template written for a framework (``write_template``),
and a filled one imported into an agreement as ``propose_kpi`` commands, all rows or none
(``import_kpis``)."""

from commands.kpi_templates.importing import Imported, import_kpis
from commands.kpi_templates.workbook import MAX_FILE_BYTES
from commands.kpi_templates.writing import write_template

__all__ = ["MAX_FILE_BYTES", "Imported", "import_kpis", "write_template"]
