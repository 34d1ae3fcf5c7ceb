"""The demo's people and companies: random but well-formed parties (ID numbers and credit codes
with their check digits from python-stdnum), drawn from the vocabulary of the policy cities."""

from __future__ import annotations

import random
from datetime import date
from typing import Any

from stdnum.cn import ric, uscc

from app.services.demo.vocabulary import ETHNICITIES, GIVEN, HOME_REGIONS, SURNAMES


def resident_id(rng: random.Random, region: str, birth: date, sex_male: bool) -> str:
    seq = rng.randrange(0, 50) * 2 + (1 if sex_male else 0)
    body = f"{region}{birth:%Y%m%d}{rng.randrange(0, 10)}{seq:02d}"
    return body + ric.calc_check_digit(body + "0")  # stdnum reads the first 17 of 18


def credit_code(rng: random.Random, region: str) -> str:
    body = "91" + region + "".join(rng.choice("0123456789") for _ in range(9))
    return body + uscc.calc_check_digit(body + "0")


def person(rng: random.Random, city: Any, occupation: str, platform: str,
            born_earlier: int = 0) -> dict[str, Any]:
    male = rng.random() < 0.82
    birth = date(rng.randrange(1984, 2005) - born_earlier, rng.randrange(1, 13),
                 rng.randrange(1, 29))
    region = rng.choice(HOME_REGIONS + [city.region_code] * 4)
    name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
    return dict(party_type="person", kind="worker", name=name, sex="male" if male else "female",
                birth_date=birth, ethnicity=rng.choice(ETHNICITIES), id_type="resident_id",
                id_number=resident_id(rng, region, birth, male),
                domicile=f"{city.province}{city.city}{city.district}幸福路{rng.randrange(1, 300)}号",
                mailing_address=f"{city.city}{city.district}新村{rng.randrange(1, 40)}栋{rng.randrange(101, 2999)}室",
                phone=f"1{rng.choice('35789')}{rng.randrange(0, 10**9):09d}",
                occupation=occupation, workplace=f"{platform}{city.city}{city.district}站点",
                credit_code="", legal_representative="", representative_title="")

def company(rng: random.Random, city: Any, name: str, kind: str) -> dict[str, Any]:
    """A platform or outsourcing company with a valid unified social credit code."""
    return dict(party_type="organisation", kind=kind, name=name, sex="", birth_date=None,
                ethnicity="", id_type="", id_number="",
                domicile=f"{city.province}{city.city}{city.district}科技园{rng.randrange(1, 99)}号",
                mailing_address=f"{city.city}{city.district}科技园{rng.randrange(1, 99)}号",
                phone=f"0{rng.randrange(100, 999)}-{rng.randrange(2000000, 9999999)}",
                occupation="", workplace="", credit_code=credit_code(rng, city.region_code),
                legal_representative=rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN),
                representative_title=rng.choice(["执行董事", "总经理", "董事长"]))
