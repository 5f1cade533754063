"""Results: ranks and percentiles, awards by rule, appeals that re-grade for everyone, publication
with prizes paid once and certificates that verify (a forged code does not), answers shown only
after publication where allowed, qualifying rounds."""

import uuid
from datetime import timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from alif import ledger
from alif.auth import Role
from alif.db import utcnow
from alif.jobs import Job
from alif.testing import Actor, LoginAs
from olimp.olympiads.models import Olympiad, Round
from olimp.papers.models import Attempt
from olimp.results import service as results
from olimp.results.models import Certificate
from olimp.testing import (
    OLYMPIADS,
    build_olympiad,
    choice,
    olympiad_body,
    open_round,
    registered_child,
)

KEY = {"2 + 2 = ?": "4", "3 · 3 = ?": "9", "10 − 7 = ?": "3", "12 : 4 = ?": "3"}
PRIZES = {"gold": 100, "silver": 50, "bronze": 20}


def _round_url(olympiad: dict[str, Any], number: int = 1) -> str:
    return f"{OLYMPIADS}/{olympiad['id']}/rounds/{olympiad['rounds'][number - 1]['id']}"


def _option(question: dict[str, Any], right: bool) -> dict[str, Any]:
    option = next(o for o in question["options"] if (o["text"] == KEY[question["text"]]) == right)
    return {"choice": [option["id"]]}


async def _sit(child: Actor, olympiad: dict[str, Any], rights: int, number: int = 1) -> str:
    """The child starts and answers: the first `rights` questions right, the rest wrong."""
    started = await child.post(f"{_round_url(olympiad, number)}/attempt")
    assert started.status_code == 200, started.text
    attempt = started.json()
    for index, question in enumerate(attempt["questions"]):
        saved = await child.put(
            f"/api/olimp/attempts/{attempt['id']}/answers/{question['id']}",
            json=_option(question, index < rights),
        )
        assert saved.status_code == 200, saved.text
    return str(attempt["id"])


async def _close(db: AsyncSession, olympiad: dict[str, Any], *, appeals_over: bool) -> None:
    """Every round is over (and its appeals window too, when asked)."""
    now = utcnow()
    found = await db.get(Olympiad, uuid.UUID(olympiad["id"]))
    assert found is not None
    gone = timedelta(days=3) if appeals_over else timedelta(minutes=5)
    for round_ in await db.scalars(select(Round).where(Round.olympiad_id == found.id)):
        round_.opens_at, round_.closes_at = now - gone - timedelta(hours=2), now - gone
    for attempt in await db.scalars(select(Attempt)):
        attempt.deadline = min(attempt.deadline, now - timedelta(seconds=1))
    await db.flush()


async def _rank(db: AsyncSession, olympiad: dict[str, Any], number: int = 1) -> None:
    await results.rank_by_id(db, uuid.UUID(olympiad["rounds"][number - 1]["id"]), utcnow())


async def _crafted(db: AsyncSession, child: Actor, score: float, seconds: int) -> None:
    attempt = await db.scalar(select(Attempt).where(Attempt.student_id == child.id))
    assert attempt is not None
    attempt.score, attempt.scored_seconds = score, seconds
    await db.flush()


async def test_ranks_percentiles_and_awards_by_rule_with_shared_ranks(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    organizer = await login_as(Role.admin)
    olympiad = await build_olympiad(
        organizer, award_rule={"kind": "places", "gold": 1, "silver": 2, "bronze": 1}
    )
    children = [
        await registered_child(db_session, login_as, olympiad, region=r)
        for r in ["fergana", "fergana", "samarkand", "fergana", "samarkand"]
    ]
    await open_round(db_session, olympiad["rounds"][0]["id"])
    for child in children:
        assert (await child.post(f"{_round_url(olympiad)}/attempt")).status_code == 200
    crafted = [(20, 300), (25, 900), (20, 300), (20, 200), (12, 100)]
    for child, (score, seconds) in zip(children, crafted, strict=True):
        await _crafted(db_session, child, score, seconds)
    await _close(db_session, olympiad, appeals_over=False)
    await _rank(db_session, olympiad)

    # Before publication only organizers see the (provisional) table.
    hidden = await children[0].get(f"{_round_url(olympiad)}/results")
    assert hidden.status_code == 404
    assert hidden.json()["error"]["code"] == "results_not_published"
    table = (await organizer.get(f"{_round_url(olympiad)}/results")).json()
    assert not table["published"]
    assert [(r["rank"], r["score"], r["seconds"], r["award"]) for r in table["rows"]] == [
        (1, 25, 900, "gold"),
        (2, 20, 200, "silver"),
        (3, 20, 300, "silver"),  # shares rank 3, inside the silver places
        (3, 20, 300, "silver"),
        (5, 12, 100, None),  # 5th place: past the bronze place (4)
    ]
    assert [r["percentile"] for r in table["rows"]] == [80.0, 60.0, 20.0, 20.0, 0.0]
    region = await organizer.get(f"{_round_url(olympiad)}/results", params={"region": "fergana"})
    assert [(r["rank"], r["overall_rank"]) for r in region.json()["rows"]] == [
        (1, 1),
        (2, 2),
        (3, 3),
    ]


def test_award_cutoffs_by_percent_round_up_and_never_pass_everyone() -> None:
    from olimp.olympiads.schemas import AwardRule

    rule = AwardRule(kind="percent", gold=10, silver=15, bronze=25)
    assert results.award_cutoffs(rule, 10) == {"gold": 1, "silver": 3, "bronze": 5}
    assert results.award_cutoffs(rule, 1) == {"gold": 1, "silver": 1, "bronze": 1}
    assert results.award_cutoffs(rule, 0) == {"gold": 0, "silver": 0, "bronze": 0}
    assert results.shared_ranks([(5, 1), (5, 1), (5, 2), (4, 0)]) == [1, 1, 3, 4]


async def _answer(child: Actor, attempt_id: str, chosen: dict[str, str]) -> None:
    """Answer the questions named by their text with the option named by its text."""
    paper = (await child.get(f"/api/olimp/attempts/{attempt_id}")).json()
    for question in paper["questions"]:
        if question["text"] in chosen:
            option = next(o for o in question["options"] if o["text"] == chosen[question["text"]])
            saved = await child.put(
                f"/api/olimp/attempts/{attempt_id}/answers/{question['id']}",
                json={"choice": [option["id"]]},
            )
            assert saved.status_code == 200, saved.text


async def _sat(
    db: AsyncSession, login_as: LoginAs, **overrides: Any
) -> tuple[Actor, dict[str, Any], list[Actor], list[str]]:
    """Three children sat the paper (start bonus 10; 3 and 5 points, penalties 0.75 and 1.25):
    15, 8.75 and 11.75 points. "12 : 4" is 3 by the key; two of them answered 4."""
    organizer = await login_as(Role.moderator)
    olympiad = await build_olympiad(organizer, prizes=PRIZES, **overrides)
    children = [await registered_child(db, login_as, olympiad) for _ in range(3)]
    await open_round(db, olympiad["rounds"][0]["id"])
    attempts = []
    for child, chosen in zip(
        children,
        [{"12 : 4 = ?": "3"}, {"12 : 4 = ?": "4"}, {"12 : 4 = ?": "4", "2 + 2 = ?": "4"}],
        strict=True,
    ):
        started = await child.post(f"{_round_url(olympiad)}/attempt")
        assert started.status_code == 200, started.text
        attempts.append(str(started.json()["id"]))
        await _answer(child, attempts[-1], chosen)
    return organizer, olympiad, children, attempts


async def _question(organizer: Actor, olympiad: dict[str, Any], text: str) -> dict[str, Any]:
    found = (await organizer.get(f"{_round_url(olympiad)}/questions")).json()
    question: dict[str, Any] = next(q for q in found if q["text"] == text)
    return question


async def _scores(organizer: Actor, olympiad: dict[str, Any]) -> list[tuple[int, float]]:
    table = (await organizer.get(f"{_round_url(olympiad)}/results")).json()
    return [(r["rank"], r["score"]) for r in table["rows"]]


async def test_an_accepted_appeal_regrades_for_everyone_and_reranks(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    organizer, olympiad, children, attempts = await _sat(db_session, login_as)
    url = _round_url(olympiad)
    contested = await _question(organizer, olympiad, "12 : 4 = ?")
    body = {"question_id": contested["id"], "text": "Javobim toʻgʻri, kalit xato"}
    appeals = [f"/api/olimp/attempts/{a}/appeals" for a in attempts]

    early = await children[1].post(appeals[1], json=body)
    assert early.status_code == 409  # the paper is still open
    assert early.json()["error"]["code"] == "appeals_closed"

    await _close(db_session, olympiad, appeals_over=False)
    await _rank(db_session, olympiad)
    assert await _scores(organizer, olympiad) == [(1, 15.0), (2, 11.75), (3, 8.75)]

    made = await children[1].post(appeals[1], json=body)
    assert made.status_code == 201, made.text
    again = await children[1].post(appeals[1], json=body)
    assert again.json()["id"] == made.json()["id"]  # a retry is the same appeal
    other = await children[2].post(appeals[2], json={**body, "text": "Menda ham"})
    assert other.status_code == 201
    # Another child's attempt is not yours to appeal on; a question of no paper is not found.
    assert (await children[0].post(appeals[1], json=body)).status_code == 404
    stray = await children[1].post(appeals[1], json={**body, "question_id": str(uuid.uuid4())})
    assert stray.status_code == 404
    assert (await children[1].post(appeals[1], json={**body, "text": ""})).status_code == 422

    appeal_url = f"{url}/appeals/{made.json()['id']}"
    four = next(o["id"] for o in contested["options"] if o["text"] == "4")
    three = next(o["id"] for o in contested["options"] if o["text"] == "3")
    # Only the organizer decides; a correction must fit the question.
    by_child = await children[1].post(
        f"{appeal_url}/accept", json={"reply": "ok", "correct": [four]}
    )
    assert by_child.status_code == 404
    misfit = await organizer.post(f"{appeal_url}/accept", json={"reply": "ha", "correct": ["zz"]})
    assert misfit.status_code == 422
    assert misfit.json()["error"]["code"] == "correction_does_not_fit"
    two = await organizer.post(
        f"{appeal_url}/accept", json={"reply": "ha", "correct": [four, three]}
    )
    assert two.status_code == 422  # one correct option for a single-choice question

    accepted = await organizer.post(
        f"{appeal_url}/accept", json={"reply": "Kalit tuzatildi: javob 4", "correct": [four]}
    )
    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["status"] == "accepted"
    # Re-graded for everyone: the child who had the old key right now has it wrong.
    assert await _scores(organizer, olympiad) == [(1, 18.0), (2, 15.0), (3, 8.75)]
    board = (await organizer.get(f"{url}/board")).json()
    assert [r["score"] for r in board["rows"]] == [18.0, 15.0, 8.75]
    # The other appeal on the same question was answered by the same decision.
    mine = (await children[2].get(appeals[2])).json()
    assert [(a["status"], a["reply"]) for a in mine] == [("accepted", "Kalit tuzatildi: javob 4")]
    twice = await organizer.post(f"{appeal_url}/reject", json={"reply": "yoʻq"})
    assert twice.status_code == 409
    assert twice.json()["error"]["code"] == "appeal_already_decided"


async def test_a_rejected_appeal_changes_nothing_and_is_answered(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    organizer, olympiad, children, attempts = await _sat(db_session, login_as)
    await _close(db_session, olympiad, appeals_over=False)
    contested = await _question(organizer, olympiad, "12 : 4 = ?")
    made = await children[1].post(
        f"/api/olimp/attempts/{attempts[1]}/appeals",
        json={"question_id": contested["id"], "text": "4 boʻlishi kerak"},
    )
    decision = f"{_round_url(olympiad)}/appeals/{made.json()['id']}/reject"
    assert (await organizer.post(decision, json={"reply": ""})).status_code == 422
    rejected = await organizer.post(decision, json={"reply": "12 : 4 = 3, kalit toʻgʻri"})
    assert rejected.status_code == 200
    await _rank(db_session, olympiad)
    assert await _scores(organizer, olympiad) == [(1, 15.0), (2, 11.75), (3, 8.75)]
    listed = (await organizer.get(f"{_round_url(olympiad)}/appeals")).json()
    assert [(a["status"], a["reply"]) for a in listed] == [
        ("rejected", "12 : 4 = 3, kalit toʻgʻri")
    ]
    assert (await children[1].get(f"{_round_url(olympiad)}/appeals")).status_code == 404


async def _run_finalise(db: AsyncSession, olympiad: dict[str, Any]) -> results.Finalised:
    return await results.finalise(db, uuid.UUID(olympiad["id"]), utcnow())


async def test_publication_pays_prizes_once_and_issues_certificates_that_verify(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    organizer, olympiad, children, attempts = await _sat(
        db_session,
        login_as,
        review_allowed=True,
        award_rule={"kind": "places", "gold": 1, "silver": 1, "bronze": 1},
    )
    publish = f"{OLYMPIADS}/{olympiad['id']}/results/publish"
    await _close(db_session, olympiad, appeals_over=False)
    too_early = await organizer.post(publish)
    assert too_early.status_code == 409
    assert too_early.json()["error"]["code"] == "results_not_ready"
    contested = await _question(organizer, olympiad, "12 : 4 = ?")
    await children[1].post(
        f"/api/olimp/attempts/{attempts[1]}/appeals",
        json={"question_id": contested["id"], "text": "?"},
    )
    await _close(db_session, olympiad, appeals_over=True)
    pending = await organizer.post(publish)
    assert pending.status_code == 409
    assert pending.json()["error"]["code"] == "appeals_pending"
    appeal = (await organizer.get(f"{_round_url(olympiad)}/appeals")).json()[0]
    await organizer.post(
        f"{_round_url(olympiad)}/appeals/{appeal['id']}/reject", json={"reply": "Kalit toʻgʻri"}
    )
    assert (await children[0].post(publish)).status_code == 404  # not the organizer
    assert (await organizer.post(publish)).status_code == 200
    assert (await organizer.post(publish)).status_code == 200  # publishing again changes nothing
    jobs = list(await db_session.scalars(select(Job).where(Job.name == "olimp.finalise")))
    assert [j.payload for j in jobs] == [{"olympiad_id": olympiad["id"]}]

    # One place each: a gold, a silver and a bronze.
    first = await _run_finalise(db_session, olympiad)
    assert (first.certificates, first.prizes_paid) == (3, 3)
    for _ in range(2):
        again = await _run_finalise(db_session, olympiad)
        assert (again.certificates, again.prizes_paid) == (3, 0)
    balances = [await ledger.balance_of(db_session, c.id) for c in children]
    assert balances == [100, 20, 50]  # 15, 8.75 and 11.75 points
    count = await db_session.scalar(
        select(func.count())
        .select_from(Certificate)
        .where(Certificate.olympiad_id == uuid.UUID(olympiad["id"]))
    )
    assert count == 3

    mine = (await children[0].get(f"{OLYMPIADS}/{olympiad['id']}/results/mine")).json()
    assert mine["published"]
    assert (mine["rounds"][0]["rank"], mine["rounds"][0]["award"]) == (1, "gold")
    certificate = mine["certificate"]
    assert certificate["kind"] == "diploma" and certificate["prize"] == 100

    verified = await children[2].get(f"/api/olimp/certificates/{certificate['code']}")
    assert verified.status_code == 200, verified.text
    view = verified.json()
    assert view["valid"] and view["kind"] == "diploma"
    assert view["achievement"] == "1-oʻrin · Oltin diplom"
    assert view["title"] == "Matematika olimpiadasi"
    typed = certificate["code"].lower().replace("-", "")
    assert (await children[2].get(f"/api/olimp/certificates/{typed}")).status_code == 200
    pdf = await children[2].get(f"/api/olimp/certificates/{certificate['code']}/pdf")
    assert pdf.status_code == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")
    code = certificate["code"]
    forged = code[:-1] + ("0" if code[-1] != "0" else "1")
    for bad in (forged, "AAAA-BBBB-CCCC", "not-a-code", "x" * 40):
        refused = await children[2].get(f"/api/olimp/certificates/{bad}")
        assert refused.status_code == 404
        assert refused.json()["error"]["code"] == "certificate_not_found"

    # The organizer lists the certificates and revokes one: its page then says so, with the
    # date; revoking again keeps it. Nobody else may, and no other olympiad's code is found.
    certificates = f"{OLYMPIADS}/{olympiad['id']}/certificates"
    listed = (await organizer.get(certificates)).json()
    assert [(c["rank"], c["prize"]) for c in listed] == [(1, 100), (2, 50), (3, 20)]
    assert (await children[0].get(certificates)).status_code == 404
    assert (await children[0].post(f"{certificates}/{code}/revoke")).status_code == 404
    assert (await children[2].get(f"/api/olimp/certificates/{code}")).json()["valid"]
    revoked = await organizer.post(f"{certificates}/{typed}/revoke")
    assert revoked.status_code == 200, revoked.text
    assert revoked.json()["revoked_at"] is not None
    again = await organizer.post(f"{certificates}/{code}/revoke")
    assert again.json()["revoked_at"] == revoked.json()["revoked_at"]
    view = (await children[2].get(f"/api/olimp/certificates/{code}")).json()
    assert not view["valid"] and view["revoked_at"] is not None
    assert (await organizer.post(f"{certificates}/{forged}/revoke")).status_code == 404
    other = await build_olympiad(organizer)
    elsewhere = f"{OLYMPIADS}/{other['id']}/certificates/{code}/revoke"
    assert (await organizer.post(elsewhere)).status_code == 404
    assert await ledger.balance_of(db_session, children[0].id) == 100  # the prize stays paid

    # The public table, now for everyone; the review of answers, as the olympiad allows it.
    table = (await children[1].get(f"{_round_url(olympiad)}/results")).json()
    assert table["published"] and sum(r["you"] for r in table["rows"]) == 1
    review = await children[1].get(f"{_round_url(olympiad)}/review")
    assert review.status_code == 200
    items = {i["question"]["text"]: i for i in review.json()}
    assert items["12 : 4 = ?"]["points"] == -1.25
    assert [o["text"] for o in items["12 : 4 = ?"]["correct_options"]] == ["3"]
    assert items["2 + 2 = ?"]["answer"] is None


async def test_answers_are_shown_only_after_publication_and_only_if_allowed(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    organizer, olympiad, children, _ = await _sat(db_session, login_as)
    review = f"{_round_url(olympiad)}/review"
    await _close(db_session, olympiad, appeals_over=True)
    before = await children[0].get(review)
    assert before.status_code == 404
    assert before.json()["error"]["code"] == "results_not_published"
    mine = (await children[0].get(f"{OLYMPIADS}/{olympiad['id']}/results/mine")).json()
    assert all(r["score"] is None for r in mine["rounds"])
    assert (
        await organizer.post(f"{OLYMPIADS}/{olympiad['id']}/results/publish")
    ).status_code == 200
    refused = await children[0].get(review)
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "review_not_allowed"
    stranger = await login_as(Role.parent)  # another family's parent
    nosy = await stranger.get(
        f"{OLYMPIADS}/{olympiad['id']}/results/mine", params={"student_id": str(children[0].id)}
    )
    assert nosy.status_code == 404


async def test_a_qualifying_round_lets_only_its_top_per_region_start_the_final(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    organizer = await login_as(Role.admin)
    now = utcnow()
    rounds = [
        {
            "opens_at": (now + timedelta(hours=2)).isoformat(),
            "closes_at": (now + timedelta(hours=4)).isoformat(),
            "duration_minutes": 60,
            "start_bonus": 10,
            "advance": {"top": 1, "per_region": True},
            "sections": [{"points": 3, "penalty": 0.75}, {"points": 5, "penalty": 1.25}],
        },
        {
            "opens_at": (now + timedelta(hours=5)).isoformat(),
            "closes_at": (now + timedelta(hours=6)).isoformat(),
            "duration_minutes": 30,
            "sections": [{"points": 1}],
            "advance": {"top": 1},
        },
    ]
    refused = await organizer.post(OLYMPIADS, json=olympiad_body(rounds=rounds))
    assert refused.status_code == 422  # the last round feeds no other round
    rounds[1]["advance"] = None
    olympiad = await build_olympiad(organizer, publish=False, rounds=rounds)
    final = olympiad["rounds"][1]
    added = await organizer.post(
        f"{OLYMPIADS}/{olympiad['id']}/rounds/{final['id']}/questions",
        json={"section_id": final["sections"][0]["id"], "question": choice("1+1", "2", "3")},
    )
    assert added.status_code == 201
    assert (await organizer.post(f"{OLYMPIADS}/{olympiad['id']}/publish")).status_code == 200
    assert olympiad["rounds"][0]["advance"] == {"top": 1, "percent": None, "per_region": True}

    children = [
        await registered_child(db_session, login_as, olympiad, region=r)
        for r in ["fergana", "fergana", "samarkand"]
    ]
    await open_round(db_session, olympiad["rounds"][0]["id"])
    for child, chosen in zip(children, [{"12 : 4 = ?": "3"}, {"12 : 4 = ?": "4"}, {}], strict=True):
        started = await child.post(f"{_round_url(olympiad)}/attempt")
        await _answer(child, str(started.json()["id"]), chosen)
    # The qualifying round is over; the ranking job runs; the final opens.
    first = await db_session.get(Round, uuid.UUID(olympiad["rounds"][0]["id"]))
    assert first is not None
    first.opens_at, first.closes_at = now - timedelta(hours=3), now - timedelta(hours=1)
    for attempt in await db_session.scalars(select(Attempt)):
        attempt.deadline = min(attempt.deadline, now - timedelta(hours=1))
    await db_session.flush()
    await results.enqueue_due_rankings(db_session, utcnow())
    queued = list(await db_session.scalars(select(Job).where(Job.name == "olimp.rank_round")))
    assert [j.payload["round_id"] for j in queued] == [olympiad["rounds"][0]["id"]]
    await _rank(db_session, olympiad)
    await open_round(db_session, final["id"])

    table = (await organizer.get(f"{_round_url(olympiad)}/results")).json()
    assert [(r["score"], r["region"], r["qualified"]) for r in table["rows"]] == [
        (15.0, "fergana", True),
        (10.0, "samarkand", True),  # first in their region
        (8.75, "fergana", False),
    ]
    assert (await children[0].post(f"{_round_url(olympiad, 2)}/attempt")).status_code == 200
    assert (await children[2].post(f"{_round_url(olympiad, 2)}/attempt")).status_code == 200
    out = await children[1].post(f"{_round_url(olympiad, 2)}/attempt")
    assert out.status_code == 403
    assert out.json()["error"]["code"] == "not_qualified"
