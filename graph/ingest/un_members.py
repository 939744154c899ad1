"""UN members in vote data → geograph state ids (ISO 3166-1 alpha-3), with pycountry.

The ``unvotes`` data names each member by an ISO 3166-1 alpha-2 code (``AZ``, ``IR``, ``NA`` for
Namibia); Voeten's Dataverse files by an alpha-3 code. geograph's state ids are alpha-3
(``AZE``, ``IRN``, ``NAM``). pycountry holds ISO 3166-1 and, for states that no longer exist,
ISO 3166-3 (Debian's iso-codes tables, updated with each ISO release): it maps codes exactly and
guesses nothing, which is what a data pipeline wants. (country_converter matches names by regular
expressions and brings classification schemes geograph does not use.)

What the data itself decides, and :func:`member_id` keeps:

- ``RU`` is the Soviet Union until 1991 and Russia after (Russia took the Soviet seat): ``RUS``.
- ``TW`` is the Republic of China, which held China's seat until October 1971: ``TWN``; ``CN``
  (``CHN``) votes from November 1971.
- Retired codes map to their ISO 3166-3 alpha-3: ``CS`` Czechoslovakia ``CSK``, ``DD`` German
  Democratic Republic ``DDR``, ``YD`` Yemen People's Republic ``YMD``.
- ``YU`` covers Yugoslavia until 1992 and, from its admission on 1 November 2000, the Federal
  Republic of Yugoslavia, then Serbia and Montenegro, then Serbia (whose seat it is): ``YUG``
  before :data:`SERBIA_FROM`, ``SRB`` from then.
- Three members have no code (:data:`NAMED_MEMBERS`): the Federal Republic of Germany (``DEU``:
  united Germany continues its membership and ISO its code), the Yemen Arab Republic (``YEM``:
  the Republic of Yemen continues its seat), and Zanzibar, a member for a few weeks of 1963–64
  before the union with Tanganyika, which no state id stands for: it is reported as unmapped.
"""

from __future__ import annotations

from functools import lru_cache

__all__ = ["NAMED_MEMBERS", "SERBIA_FROM", "member_id", "member_name"]

#: Members the data names without a code, by name → state id (None: reported as unmapped).
NAMED_MEMBERS = {"Federal Republic of Germany": "DEU", "Yemen Arab Republic": "YEM", "Zanzibar": None}
#: The first day of the Federal Republic of Yugoslavia's membership (General Assembly resolution 55/12).
SERBIA_FROM = "2000-11-01"

#: Retired alpha-2 codes ISO has given twice (``CS``): which of them a vote file's name means.
_RETIRED_BY_NAME = {("CS", "serbia and montenegro"): "SCG"}


@lru_cache(maxsize=None)
def _tables() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """alpha-2 → alpha-3 (current, then retired), and alpha-3 → name, from pycountry."""
    import pycountry

    two = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    retired: dict[str, str] = {}
    names = {c.alpha_3: getattr(c, "common_name", None) or c.name for c in pycountry.countries}
    for c in sorted(pycountry.historic_countries, key=lambda c: getattr(c, "withdrawal_date", "")):
        # the first withdrawn holder of a reused code (CS: Czechoslovakia, 1993; not Serbia and Montenegro)
        retired.setdefault(c.alpha_2, c.alpha_3)
        names.setdefault(c.alpha_3, c.name)
    return two, retired, names


def member_id(code: str, name: str = "", date: str = "") -> str | None:
    """The state id of a member as a vote file names it, or None when no id stands for it.

    Parameters
    ----------
    code : str
        ISO 3166-1 alpha-2 (``unvotes``) or alpha-3 (Voeten's files); may be empty.
    name : str
        The member's name in the file: decides for members without a code and for reused codes.
    date : str
        The vote's date, ``YYYY-MM-DD``: decides for ``YU`` (see the module's notes).

    Examples
    --------
    >>> member_id("AZ"), member_id("NA", "Namibia"), member_id("CS", "Czechoslovakia"), member_id("IRN")
    ('AZE', 'NAM', 'CSK', 'IRN')
    >>> member_id("YU", "Yugoslavia", "1960-10-01"), member_id("YU", "Yugoslavia", "2015-10-01")
    ('YUG', 'SRB')
    >>> member_id("", "Federal Republic of Germany"), member_id("", "Zanzibar"), member_id("XX")
    ('DEU', None, None)
    """
    code = code.strip().upper()
    two, retired, names = _tables()
    if not code:
        return NAMED_MEMBERS.get(name.strip())
    if code == "YU":
        return "SRB" if date >= SERBIA_FROM else "YUG"
    if len(code) == 2:
        return two.get(code) or _RETIRED_BY_NAME.get((code, name.strip().casefold())) or retired.get(code)
    if len(code) == 3 and code in names:
        return code
    return None


def member_name(state_id: str) -> str:
    """pycountry's common name of a state id (for ids a vote file names no better).

    Examples
    --------
    >>> member_name("CSK"), member_name("SRB")
    ('Czechoslovakia, Czechoslovak Socialist Republic', 'Serbia')
    """
    return _tables()[2].get(state_id, state_id)
