"""Contract: the cost-price functions on the real ingestion output of the synthetic sample."""

import pandas as pd
import pytest

from kostprijs.cli import main
from kostprijs.onderzoek.aggregatie import aggregeer
from kostprijs.onderzoek.per_aanbieder import uit_processed
from kostprijs.parameters import laad_parameters

pytestmark = pytest.mark.traag


@pytest.fixture(scope="module")
def processed(tmp_path_factory):
    map_ = tmp_path_factory.mktemp("pijplijn")
    assert main(["voorbeeld", "--jaar", "2027", "--map", str(map_ / "raw")]) == 0
    uit = map_ / "processed"
    code = main(
        [
            "inlezen",
            "--jaar",
            "2027",
            "--map",
            str(map_ / "raw" / "aanbieders"),
            "--uit",
            str(uit),
            "--stil",
        ]
    )
    assert code == 0
    return uit


def test_every_accepted_product_gets_both_estimates(processed):
    params = laad_parameters(2027)
    df = uit_processed(processed, params)
    bouwstenen = pd.read_csv(processed / "bouwstenen.csv", dtype=str)
    assert len(df) == len(bouwstenen)
    assert df["kostprijs_bouwstenen"].notna().all()
    assert set(df["productspecificatie"]) <= set(params.productspecificaties)
    assert df["aanbieder_id"].nunique() == 15


def test_aggregation_is_within_the_providers_range(processed):
    params = laad_parameters(2027)
    df = uit_processed(processed, params)
    agg = aggregeer(df, params.kostprijs, producten=list(params.productspecificaties))
    for r in agg.per_product.itertuples():
        waarden = df.loc[df["productspecificatie"] == r.productspecificatie, "kostprijs_bouwstenen"]
        assert r.n == len(waarden) - sum(
            agg.uitgesloten["productspecificatie"] == r.productspecificatie
        )
        assert min(waarden) <= r.kostprijs <= max(waarden)
        assert min(waarden) <= r.p25 <= r.p75 <= max(waarden)
