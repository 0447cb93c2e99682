"""A forked helper runs in its own process with the caller's state, or is None and the caller knows."""

import multiprocessing
import os
import signal

from common.forking import ForkedCall, fork_process

STATE = {"loaded": "in the caller"}


def report(connection) -> None:
    connection.send((os.getpid(), STATE["loaded"], signal.getsignal(signal.SIGINT)))
    connection.close()


def test_the_child_has_the_callers_state_and_leaves_ctrl_c_to_the_caller():
    STATE["loaded"] = "changed after import"
    reader, writer = multiprocessing.Pipe(duplex=False)
    process = fork_process(report, writer)
    writer.close()
    pid, loaded, on_ctrl_c = reader.recv()
    process.join()
    assert pid == process.pid != os.getpid()
    assert loaded == "changed after import"
    assert on_ctrl_c == signal.SIG_IGN and process.daemon and process.exitcode == 0


def test_without_fork_there_is_no_child(monkeypatch):
    monkeypatch.setattr("multiprocessing.get_all_start_methods", lambda: ["spawn"])
    assert fork_process(report, None) is None


def test_when_the_system_refuses_a_process_there_is_no_child(monkeypatch):
    def refuse(self):
        raise OSError("Resource temporarily unavailable")

    monkeypatch.setattr("multiprocessing.process.BaseProcess.start", refuse)
    assert fork_process(report, None) is None


PARENT = os.getpid()


def where() -> int:
    return os.getpid()


def fails_in_a_child() -> int:
    if os.getpid() != PARENT:
        raise RuntimeError("only the caller can do this")
    return os.getpid()


def test_a_forked_call_is_computed_in_a_child():
    assert ForkedCall(where, fork=True).result() not in (PARENT, None)


def test_a_call_not_forked_is_computed_in_the_caller():
    assert ForkedCall(where, fork=False).result() == PARENT


def test_a_call_whose_child_fails_is_computed_again_in_the_caller():
    assert ForkedCall(fails_in_a_child, fork=True).result() == PARENT


def test_without_the_childs_value_the_caller_does_its_own_work():
    def here() -> str:
        return "done here"

    assert ForkedCall(where, fork=True, here=here).result() not in (PARENT, "done here")
    assert ForkedCall(where, fork=False, here=here).result() == "done here"
    assert ForkedCall(fails_in_a_child, fork=True, here=here).result() == "done here"
