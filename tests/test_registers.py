"""Register uploads (services, communities): the columns a real register brings, and boundary-edge points."""

import pytest

from tests.helpers import load, query, rejected

# Two BMA register points on district edges (see ../shared/geo/SOURCES.md): BMA1846 is coded
# Bang Khen (1005) and lies 4 m from Lak Si (1041), in Lak Si's sub-district 104102;
# BMA0670 (Bang Khun Thian, 1021) lies 98 m outside the HDX outline of Bangkok.
EDGE = {"BMA1846": (13.861772, 100.58677), "BMA0670": (13.618078, 100.375674)}


def test_services_may_be_marked_as_at_an_approximate_location(db):
    load(
        db,
        "services",
        "service_id,name_th,service_type,lat,lon,approximate\n"
        "HC01,ศูนย์บริการสาธารณสุข 1,health_centre,13.74359,100.499048,true\n"
        "HC02,ศูนย์บริการสาธารณสุข 2,health_centre,13.755356,100.552978,ใช่\n"
        "P1,สน.ชนะสงคราม,police,13.75858,100.495122,\n",
    )
    assert query(db, "SELECT service_id, approximate FROM current_service_points ORDER BY 1") == [
        ("HC01", True),
        ("HC02", True),
        ("P1", False),
    ]


def test_a_service_file_without_the_approximate_column_means_exact_locations(db):
    load(db, "services", "service_id,name_th,service_type,lat,lon\nP1,สน.ชนะสงคราม,police,13.75858,100.495122\n")
    assert query(db, "SELECT approximate FROM current_service_points") == [(False,)]


@pytest.mark.slow
def test_approximate_must_be_yes_or_no(db):
    (problem,) = rejected(
        db, "services", "service_id,name_th,service_type,lat,lon,approximate\nP1,x,police,13.75858,100.495122,maybe\n"
    )
    assert (problem.row, problem.column, problem.value) == (2, "approximate", "maybe")


def test_community_type_in_english_or_the_registers_thai_and_estimated_population(db):
    load(
        db,
        "communities",
        "community_id,name_th,lat,lon,community_type,population,population_estimated\n"
        "A,ชุมชนก,13.7770,100.5130,ชุมชนแออัด,900,true\n"
        "B,ชุมชนข,13.7771,100.5131,high-rise,1200,no\n"
        "C,ชุมชนค,13.7772,100.5132,,,\n",
    )
    rows = query(db, "SELECT community_id, community_type, population, population_estimated FROM current_communities")
    assert sorted(rows) == [("A", "crowded", 900, True), ("B", "high_rise", 1200, False), ("C", None, None, False)]


@pytest.mark.slow
def test_an_unknown_community_type_lists_the_allowed_ones(db):
    (problem,) = rejected(
        db, "communities", "community_id,name_th,lat,lon,community_type\nA,ชุมชนก,13.7770,100.5130,village\n"
    )
    assert (problem.row, problem.column) == (2, "community_type")
    assert "crowded" in problem.message and "housing_estate" in problem.message


def test_a_given_district_within_200_m_of_the_point_is_kept(db):
    (lat1846, lon1846), (lat670, lon670) = EDGE["BMA1846"], EDGE["BMA0670"]
    result = load(
        db,
        "communities",
        "community_id,name_th,lat,lon,dist_code\n"
        f"BMA1846,ชุมชนกองซ่อมเครื่องสื่อสาร,{lat1846},{lon1846},1041\n"
        f"BMA0670,ชุมชนเชื่อมสัมพันธ์,{lat670},{lon670},1021\n",
    )
    assert result.warnings == []
    assert sorted(query(db, "SELECT community_id, dist_code FROM current_communities")) == [
        ("BMA0670", "1021"),
        ("BMA1846", "1041"),
    ]


def test_a_given_district_farther_away_is_reported_and_the_points_district_stored(db):
    (lat1846, lon1846), (lat670, lon670) = EDGE["BMA1846"], EDGE["BMA0670"]
    result = load(
        db,
        "communities",
        "community_id,name_th,lat,lon,dist_code\n"
        f"BMA1846,ชุมชนกองซ่อมเครื่องสื่อสาร,{lat1846},{lon1846},1002\n"
        f"BMA0670,ชุมชนเชื่อมสัมพันธ์,{lat670},{lon670},\n",
    )
    assert sorted((w.row, w.code) for w in result.warnings) == [
        (2, "point.district_disagrees"),
        (3, "point.outside_bangkok"),
    ]
    assert sorted(query(db, "SELECT community_id, dist_code FROM current_communities")) == [
        ("BMA0670", None),
        ("BMA1846", "1005"),
    ]
