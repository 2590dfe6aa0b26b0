"""The daily brief: build and e-mail today's brief at the configured local time.

The `schedule` library ticks; whether a brief is due is decided here, from the configured
time zone (daylight saving included, via zoneinfo) and an injectable clock, so the same code
serves a scheduler started on time, one started late (catch-up: today's brief once, never a
flood of old ones) and `digest schedule --once` from cron. A failing job is logged and tried
again after a doubling delay; it never stops the scheduler. A lock file keeps a second
scheduler on the same briefs folder from starting.
"""

from __future__ import annotations

import datetime as dt
import logging
import signal
import time
import zoneinfo
from collections.abc import Callable
from pathlib import Path

from digest.brief.locks import exclusive_lock
from digest.brief.write import output_folder
from digest.config import Config
from digest.daily.deliver import SendReport
from digest.daily.run import build_and_send
from digest.errors import DigestError

log = logging.getLogger("digest.schedule")

SCHEDULER_LOCK = ".scheduler.lock"
MAX_RETRY_DELAY = 3600.0
LATE_START_GRACE = dt.timedelta(minutes=1)


def scheduled_instant(day: dt.date, at: str, timezone: str) -> dt.datetime:
    """The moment `at` (HH:MM) happens on `day` in `timezone`, as an aware UTC datetime.
    On the day clocks spring forward past `at`, the wall time that does not exist is read as
    the same wall time after the change (zoneinfo's rule), so the brief still goes out."""
    hour, minute = (int(part) for part in at.split(":"))
    local = dt.datetime.combine(day, dt.time(hour, minute), zoneinfo.ZoneInfo(timezone))
    return local.astimezone(dt.UTC)


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class DailyBrief:
    """Decides when today's brief is due and runs it, remembering failures for backoff."""

    def __init__(
        self,
        config: Config,
        job: Callable[[dt.date], SendReport] | None = None,
        clock: Callable[[], dt.datetime] = utc_now,
        once: bool = False,
    ) -> None:
        self.config = config
        self.once = once  # one check (`digest schedule --once`): the next run tries again
        self.clock = clock
        self.job = job or (lambda day: build_and_send(config, day))
        self.started_at = clock()
        self.completed: dt.date | None = None
        self.retry_at: dt.datetime | None = None
        self.failures = 0

    def due(self, now: dt.datetime) -> dt.date | None:
        """Today's date if its brief should run now, else None."""
        settings = self.config.schedule
        today = now.astimezone(zoneinfo.ZoneInfo(settings.timezone)).date()
        due_at = scheduled_instant(today, settings.at, settings.timezone)
        if now < due_at or self.completed == today:
            return None
        if not settings.catch_up and self.started_at > due_at + LATE_START_GRACE:
            return None
        if self.retry_at is not None and now < self.retry_at:
            return None
        return today

    def tick(self) -> SendReport | None:
        """Run today's brief if it is due; never raises."""
        now = self.clock()
        day = self.due(now)
        if day is None:
            return None
        log.info("brief of %s is due: building and sending", day.isoformat())
        try:
            report = self.job(day)
        except Exception as exc:  # a failed job must not stop the scheduler
            reason = str(exc) if isinstance(exc, DigestError) else f"{type(exc).__name__}: {exc}"
            self._retry_later(now, f"brief of {day.isoformat()} failed: {reason}")
            return None
        for recipient, reply in report.failed.items():
            log.error("not delivered to %s: %s (not retried)", recipient, reply)
        if report.deferred:
            self._retry_later(
                now,
                "temporary failure for "
                + ", ".join(f"{r} ({why})" for r, why in report.deferred.items()),
            )
        else:
            self.completed, self.retry_at, self.failures = day, None, 0
            log.info(
                "brief of %s done: sent to %d, already served %d, outbox %s",
                day,
                len(report.sent),
                len(report.skipped),
                report.eml_path or "-",
            )
        return report

    def _retry_later(self, now: dt.datetime, reason: str) -> None:
        delay = min(self.config.schedule.retry_after * 2**self.failures, MAX_RETRY_DELAY)
        self.failures += 1
        self.retry_at = now + dt.timedelta(seconds=delay)
        if self.once:  # this process ends: nothing tries again at retry_at
            log.error("%s; the next 'digest schedule --once' tries again", reason)
        else:
            log.error("%s; trying again at %s", reason, self.retry_at.isoformat(timespec="seconds"))


def run(config: Config, once: bool = False, daily: DailyBrief | None = None) -> int:
    """Run the scheduler in the foreground until SIGTERM or Ctrl-C (or one check, with
    `once`). Returns the exit status: 0, or 1 when `once` ran a job that did not finish."""
    import schedule

    daily = daily or DailyBrief(config, once=once)
    out_dir = output_folder(config)
    with _scheduler_lock(out_dir):
        if once:
            daily.tick()
            return 0 if daily.retry_at is None else 1
        stopping = []
        previous = {
            sig: signal.signal(sig, lambda *_: stopping.append(True))
            for sig in (signal.SIGTERM, signal.SIGINT)
        }
        log.info(
            "scheduler started: brief daily at %s %s; checking every %g s",
            config.schedule.at,
            config.schedule.timezone,
            config.schedule.check_every,
        )
        try:
            jobs = schedule.Scheduler()
            jobs.every(config.schedule.check_every).seconds.do(daily.tick)
            daily.tick()  # catch-up: a brief missed while the scheduler was down
            while not stopping:
                jobs.run_pending()
                time.sleep(min(1.0, config.schedule.check_every))
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        log.info("scheduler stopped")
        return 0


def _scheduler_lock(out_dir: Path):
    path = out_dir / SCHEDULER_LOCK
    return exclusive_lock(
        path,
        DigestError,
        f"another digest scheduler is already running on {out_dir} "
        f"(it holds {path}); stop it first, or use another output folder",
    )
