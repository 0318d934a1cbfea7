"""Asset checks that block: on the reference data (every computation rule of the indicator catalogue has its SQL)
and on the candidate warehouse (conservation, lineage, referential integrity, documentation, no NIK). A blocking
check that fails stops the run before anything downstream: nothing is published."""

import dagster as dg

from assets.reference import reference_data
from assets.resources import PugPaths
from assets.warehouse import PUBLISH_FIRST
from pug.warehouse import blocking_checks
from pug.warehouse.candidate import candidate_regions_rebuilt, computation_rules


@dg.asset_check(asset=reference_data, blocking=True,
                description="Every computation rule named in raw/reference/indikator.csv (aturan_hitung) has its SQL "
                "file pug/sql/warehouse/computed/<rule>.sql, so the warehouse computes every value it promises.")
def computation_rules_have_sql(pug_paths: PugPaths) -> dg.AssetCheckResult:
    named = {rule for rule in pug_paths.reference().tables["indikator"]["aturan_hitung"] if rule}
    missing = sorted(named - set(computation_rules()))
    return dg.AssetCheckResult(passed=not missing, metadata={"rules": len(named), "rules_without_sql": missing})


@dg.multi_asset_check(
    specs=[dg.AssetCheckSpec(check.__name__, asset="warehouse_candidate", blocking=True, description=check.__doc__)
           for check in blocking_checks.BLOCKING_CHECKS],
    description="The blocking checks on the candidate warehouse, in one step: a step per check costs run overhead "
    "each.",
    op_tags=PUBLISH_FIRST,
)
def candidate_checks(pug_paths: PugPaths):
    layout = pug_paths.layout
    for outcome in blocking_checks.run_checks(layout.candidate, candidate_regions_rebuilt(layout)):
        yield dg.AssetCheckResult(
            asset_key="warehouse_candidate",
            check_name=outcome.name,
            passed=outcome.passed,
            severity=dg.AssetCheckSeverity.ERROR,
            description=outcome.description,
            metadata={**outcome.figures, "failures": dg.MetadataValue.json(outcome.failures)},
        )
