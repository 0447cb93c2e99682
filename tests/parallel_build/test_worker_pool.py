"""The worker pool gives what a serial loop gives, whatever its workers do."""

import logging
import os
import signal
import time

import pytest
from parallel_build.worker_pool import DEPTH, WorkerPool

CALLER = os.getpid()


def in_worker() -> bool:
    return os.getpid() != CALLER


def square(n: int) -> tuple[int, int]:
    return n, n * n


def serial(items, work):
    return [work(item) for item in items]


def through_pool(items, work, workers, shared=None):
    with WorkerPool(items, work, workers, shared=shared) as pool:
        return [pool.result(index) for index in range(len(items))]


@pytest.mark.parametrize("count", [0, 1, 2, 3, 57])
@pytest.mark.parametrize("workers", [0, 1, 3])
def test_results_are_the_serial_results_in_order(count, workers):
    items = list(range(count))
    assert through_pool(items, square, workers) == serial(items, square)


def test_workers_do_part_of_the_work():
    # Jobs go to workers from the back of the list: without them the caller
    # would have done every job itself.
    items = list(range(40))
    results = through_pool(items, lambda n: os.getpid(), 2)
    assert results[0] == CALLER
    assert set(results) - {CALLER}


def test_a_job_that_fails_in_a_worker_is_done_again_by_the_caller():
    def work(n):
        if in_worker():
            raise ValueError("only in a worker")
        return n * 2

    assert through_pool(list(range(30)), work, 2) == [n * 2 for n in range(30)]


def test_an_error_is_raised_by_the_caller_as_in_a_serial_loop():
    def work(n):
        if n == 25:
            raise ValueError(f"bad item {n}")
        return n

    with WorkerPool(list(range(30)), work, 2) as pool:
        assert [pool.result(i) for i in range(25)] == list(range(25))
        with pytest.raises(ValueError, match="bad item 25"):
            pool.result(25)


def test_a_worker_that_dies_loses_nothing():
    # The last job is the first one a worker gets.
    def work(n):
        if in_worker() and n == 29:
            os.kill(os.getpid(), signal.SIGKILL)
        return n + 1

    assert through_pool(list(range(30)), work, 2) == list(range(1, 31))


def test_every_worker_dying_leaves_a_serial_run():
    def work(n):
        if in_worker():
            os._exit(3)
        return n

    assert through_pool(list(range(30)), work, 3) == list(range(30))


def test_warnings_come_from_the_caller_once_in_order(caplog):
    log = logging.getLogger("pool-test")

    def work(n):
        if n % 5 == 0:
            log.warning("warning for %d", n)
        return n

    with caplog.at_level(logging.DEBUG, logger="pool-test"):
        assert through_pool(list(range(30)), work, 2) == list(range(30))
    assert [r.getMessage() for r in caplog.records] == [f"warning for {n}" for n in range(0, 30, 5)]


def test_quieter_records_of_a_worker_reach_the_callers_handlers(caplog):
    log = logging.getLogger("pool-test")

    def work(n):
        log.debug("read %d in %s", n, "worker" if in_worker() else "caller")
        return n

    with caplog.at_level(logging.DEBUG, logger="pool-test"):
        through_pool(list(range(30)), work, 2)
    messages = [r.getMessage() for r in caplog.records]
    assert [int(m.split()[1]) for m in messages] == list(range(30))
    assert any(m.endswith("in worker") for m in messages)


def test_results_refer_to_the_callers_shared_object_not_a_copy():
    shared = {"SITEURL": "https://reconnect.example"}

    def work(n):
        return {"n": n, "settings": shared}

    results = through_pool(list(range(20)), work, 2, shared=shared)
    assert all(result["settings"] is shared for result in results)


def test_workers_keep_working_while_the_caller_polls_before_its_first_result(tmp_path):
    # A flush digests every page before it renders the first: the workers render meanwhile.
    def work(n):
        if in_worker():
            (tmp_path / str(n)).touch()
        return n

    with WorkerPool(list(range(40)), work, 1) as pool:
        for _ in range(60_000):  # at most a minute; a few polls when it works
            pool.poll()
            if len(list(tmp_path.iterdir())) > DEPTH:
                break
            time.sleep(0.001)
        assert len(list(tmp_path.iterdir())) > DEPTH
        assert [pool.result(i) for i in range(40)] == list(range(40))


def test_a_job_asked_for_twice_is_done_again():
    with WorkerPool(list(range(10)), square, 2) as pool:
        first = [pool.result(i) for i in range(10)]
        assert pool.result(9) == first[9] == (9, 81)


def test_closing_early_stops_the_workers():
    pool = WorkerPool(list(range(50)), square, 2)
    assert pool.result(0) == (0, 0)
    processes = list(pool._processes)
    pool.close()
    assert not any(process.is_alive() for process in processes)


def test_without_fork_the_caller_does_every_job(monkeypatch):
    monkeypatch.setattr("multiprocessing.get_all_start_methods", lambda: ["spawn"])
    results = through_pool(list(range(10)), lambda n: os.getpid(), 2)
    assert results == [CALLER] * 10


def test_when_the_system_refuses_a_process_the_caller_does_the_work(monkeypatch):
    def refuse(self):
        raise OSError("Resource temporarily unavailable")

    monkeypatch.setattr("multiprocessing.process.BaseProcess.start", refuse)
    results = through_pool(list(range(10)), lambda n: os.getpid(), 2)
    assert results == [CALLER] * 10
