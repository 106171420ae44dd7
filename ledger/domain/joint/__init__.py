"""Joint KPIs: one result, reported by the host agency, counted in every participating
agreement (DOMAIN.md section 4)."""
