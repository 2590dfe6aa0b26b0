import datetime as dt

from digest.daily.ledger import Ledger

DAY = dt.date(2025, 5, 20)


def test_states_survive_reopening_and_decide_who_is_pending(tmp_path):
    ledger = Ledger(tmp_path / "digest.sqlite")
    people = ["a@x.org", "b@x.org", "c@x.org", "d@x.org"]
    ledger.mark(DAY, people, "sending", "<id@x>", count_attempt=True)
    ledger.mark(DAY, ["a@x.org"], "sent", reply="250 ok")
    ledger.mark(DAY, ["b@x.org"], "failed", reply="550 no")
    ledger.mark(DAY, ["c@x.org"], "deferred", reply="451 later")
    ledger.close()
    reopened = Ledger(tmp_path / "digest.sqlite")
    assert reopened.recover() == 1  # d@x.org was left 'sending' by a dead process
    assert reopened.pending(DAY, people) == ["c@x.org"]
    rows = {d.recipient: d for d in reopened.deliveries(DAY)}
    assert rows["d@x.org"].state == "unknown" and rows["a@x.org"].message_id == "<id@x>"
    assert rows["a@x.org"].attempts == 1
    assert reopened.pending(dt.date(2025, 5, 21), people) == people
