"""The daily brief with an injected clock, and the scheduler process as a user runs it."""

import dataclasses
import datetime as dt
import subprocess
import sys
import time

import pytest

from digest.daily.deliver import SendReport
from digest.daily.scheduling import DailyBrief, run, scheduled_instant
from digest.errors import DigestError

from .conftest import SEEDS, write_config_file

UTC = dt.UTC


class Clock:
    def __init__(self, start: dt.datetime) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now


def _config(config, at="07:00", timezone="Europe/Brussels", catch_up=True):
    schedule = dataclasses.replace(
        config.schedule, at=at, timezone=timezone, catch_up=catch_up, retry_after=60
    )
    return dataclasses.replace(config, schedule=schedule)


def _daily(config, clock, outcomes=None):
    runs = []

    def job(day):
        runs.append((clock.now, day))
        outcome = (outcomes or {}).get(len(runs))
        if isinstance(outcome, Exception):
            raise outcome
        return outcome or SendReport(day, "<id>", sent=("a@x.org",))

    return DailyBrief(config, job=job, clock=clock), runs


def test_job_runs_once_when_due(config):
    clock = Clock(dt.datetime(2025, 5, 20, 4, 0, tzinfo=UTC))  # 06:00 in Brussels
    daily, runs = _daily(_config(config), clock)
    assert daily.tick() is None and runs == []
    clock.now = dt.datetime(2025, 5, 20, 5, 0, 5, tzinfo=UTC)  # 07:00:05 in Brussels
    daily.tick()
    clock.now += dt.timedelta(minutes=1)
    daily.tick()
    assert [day for _, day in runs] == [dt.date(2025, 5, 20)]
    clock.now = dt.datetime(2025, 5, 21, 5, 0, 1, tzinfo=UTC)
    daily.tick()
    assert [day for _, day in runs] == [dt.date(2025, 5, 20), dt.date(2025, 5, 21)]


def test_late_start_catches_up_once_or_not_at_all(config):
    clock = Clock(dt.datetime(2025, 5, 20, 9, 0, tzinfo=UTC))
    daily, runs = _daily(_config(config), clock)
    daily.tick()
    daily.tick()
    assert len(runs) == 1
    late, late_runs = _daily(_config(config, catch_up=False), clock)
    late.tick()
    assert late_runs == []


def test_failing_job_is_retried_with_backoff_and_never_stops_the_next_day(config):
    clock = Clock(dt.datetime(2025, 5, 20, 5, 0, tzinfo=UTC))
    daily, runs = _daily(
        _config(config), clock, outcomes={1: DigestError("disk full"), 2: RuntimeError("bug")}
    )
    daily.tick()  # fails
    clock.now += dt.timedelta(seconds=30)
    daily.tick()  # too early for the retry
    assert len(runs) == 1
    clock.now += dt.timedelta(seconds=31)
    daily.tick()  # second failure: the delay doubles
    assert daily.retry_at == clock.now + dt.timedelta(seconds=120)
    clock.now += dt.timedelta(seconds=121)
    daily.tick()  # succeeds
    assert len(runs) == 3 and daily.completed == dt.date(2025, 5, 20)
    clock.now = dt.datetime(2025, 5, 21, 5, 0, 1, tzinfo=UTC)
    daily.tick()
    assert len(runs) == 4


def test_deferred_delivery_is_tried_again(config):
    clock = Clock(dt.datetime(2025, 5, 20, 5, 0, tzinfo=UTC))
    deferred = SendReport(dt.date(2025, 5, 20), "<id>", deferred={"a@x.org": "451 later"})
    daily, runs = _daily(_config(config), clock, outcomes={1: deferred})
    daily.tick()
    clock.now += dt.timedelta(seconds=61)
    daily.tick()
    assert len(runs) == 2 and daily.completed == dt.date(2025, 5, 20)


def test_daylight_saving_days():
    # spring forward in Brussels on 30 March 2025: 02:30 does not exist; it runs at 03:30 CEST
    assert scheduled_instant(dt.date(2025, 3, 30), "02:30", "Europe/Brussels") == dt.datetime(
        2025, 3, 30, 1, 30, tzinfo=UTC
    )
    # 07:00 is 06:00 UTC in winter, 05:00 UTC in summer
    assert scheduled_instant(dt.date(2025, 3, 29), "07:00", "Europe/Brussels").hour == 6
    assert scheduled_instant(dt.date(2025, 3, 30), "07:00", "Europe/Brussels").hour == 5
    # fall back on 26 October: 02:30 happens twice; the brief runs once, at the first
    assert scheduled_instant(dt.date(2025, 10, 26), "02:30", "Europe/Brussels") == dt.datetime(
        2025, 10, 26, 0, 30, tzinfo=UTC
    )


def test_daylight_saving_day_runs_exactly_once(config):
    clock = Clock(dt.datetime(2025, 10, 25, 23, 0, tzinfo=UTC))
    daily, runs = _daily(_config(config, at="02:30"), clock)
    while clock.now < dt.datetime(2025, 10, 26, 4, 0, tzinfo=UTC):
        daily.tick()
        clock.now += dt.timedelta(minutes=5)
    assert [day for _, day in runs] == [dt.date(2025, 10, 26)]


def test_once_with_a_local_smtp_server_delivers_exactly_once(config, smtp_server):
    from .conftest import mail_config

    recorder, port = smtp_server
    inputs = dataclasses.replace(config.input, paths=(str(SEEDS),))
    daily_config = _config(
        mail_config(dataclasses.replace(config, input=inputs), port), at="00:00", timezone="UTC"
    )
    assert run(daily_config, once=True) == 0
    assert len(recorder.messages) == 1
    assert sorted(recorder.messages[0][1]) == ["alice@example.org", "bob@example.org"]
    assert run(daily_config, once=True) == 0
    assert len(recorder.messages) == 1


def test_once_counts_every_recipient_already_served(config, smtp_server, caplog):
    from .conftest import mail_config

    recorder, port = smtp_server
    inputs = dataclasses.replace(config.input, paths=(str(SEEDS),))
    daily_config = _config(
        mail_config(dataclasses.replace(config, input=inputs), port), at="00:00", timezone="UTC"
    )
    assert run(daily_config, once=True) == 0
    caplog.clear()
    with caplog.at_level("INFO"):
        assert run(daily_config, once=True) == 0
    assert "sent to 0, already served 2," in caplog.text
    assert len(recorder.messages) == 1


def test_once_that_fails_says_the_next_run_tries_again_not_a_time(config, caplog):
    """`digest schedule --once` from cron logged "trying again at 00:05": the process ends,
    and only the next run tries again."""
    from .conftest import free_port, mail_config

    inputs = dataclasses.replace(config.input, paths=(str(SEEDS),))
    daily_config = _config(
        mail_config(dataclasses.replace(config, input=inputs), free_port(), retries=1),
        at="00:00",
        timezone="UTC",
    )
    with caplog.at_level("INFO"):
        assert run(daily_config, once=True) == 1  # nothing listens on the port
    assert "; the next 'digest schedule --once' tries again" in caplog.text
    assert "trying again at" not in caplog.text


def test_once_with_the_password_variable_unset_builds_nothing_and_records_nothing(
    config, caplog, monkeypatch
):
    from digest.daily.database import database_path

    from .conftest import free_port, mail_config

    monkeypatch.delenv("DIGEST_TEST_PW", raising=False)
    inputs = dataclasses.replace(config.input, paths=(str(SEEDS),))
    daily_config = _config(
        mail_config(
            dataclasses.replace(config, input=inputs),
            free_port(),
            username="digest",
            password_env="DIGEST_TEST_PW",
        ),
        at="00:00",
        timezone="UTC",
    )
    with caplog.at_level("INFO"):
        assert run(daily_config, once=True) == 1
    assert "$DIGEST_TEST_PW (email.password_env) is not set" in caplog.text
    assert "Reading" not in caplog.text and not database_path(daily_config).exists()


def test_second_scheduler_refuses_and_sigterm_stops_the_first(tmp_path):
    config_file = write_config_file(
        tmp_path,
        '\n[schedule]\nat = "23:59"\ntimezone = "Pacific/Kiritimati"\ncatch_up = false\n'
        "check_every = 1\n",
    )
    first = subprocess.Popen(
        [sys.executable, "-m", "digest", "schedule", "--config", str(config_file)],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = first.stderr.readline()
        assert "scheduler started" in line
        second = subprocess.run(
            [sys.executable, "-m", "digest", "schedule", "--once", "--config", str(config_file)],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert second.returncode == 1
        assert "another digest scheduler is already running" in second.stderr
        time.sleep(1.5)
        first.terminate()
        assert first.wait(timeout=30) == 0
        assert "scheduler stopped" in first.stderr.read()
    finally:
        first.kill()


def test_lock_is_per_briefs_folder(config):
    from digest.daily.scheduling import _scheduler_lock

    with (
        _scheduler_lock(config.resolve(config.output.dir)),
        pytest.raises(DigestError, match="already running"),
    ):
        run(config, once=True)
