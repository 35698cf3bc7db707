"""Autosave and crash recovery (a real process killed mid-edit), and files changed on disk."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from aslstudio.asl.commands import SetField
from aslstudio.ui.files import recovery_path_for

CHILD = textwrap.dedent(
    """
    import os, sys, time
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication
    from aslstudio.asl.commands import SetField
    from aslstudio.ui.designer_window import DesignerWindow

    app = QApplication([])
    settings = QSettings(sys.argv[2], QSettings.Format.IniFormat)
    window = DesignerWindow(settings=settings)
    assert window.open_file(sys.argv[1])
    window.qdoc.push(SetField("/States/Say Hello/Comment", "typed before the crash"))
    assert window.files.autosave_now() is not None
    print("READY", flush=True)
    time.sleep(120)
    """
)


def _crash_after_edit(path: Path, tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    with subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path), str(tmp_path / "child.ini")],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    ) as child:
        try:
            assert child.stdout is not None
            assert child.stdout.readline().strip() == "READY"
        finally:
            child.kill()
            child.wait(timeout=30)
    assert child.returncode != 0  # killed, not a clean exit


@pytest.mark.parametrize("accept", [True, False])
def test_recovery_after_the_process_was_killed(designer, hello, tmp_path, accept, settings):
    before = hello.read_text(encoding="utf-8")
    _crash_after_edit(hello, tmp_path)
    recovery = recovery_path_for(hello, settings)
    assert recovery.is_file()
    assert hello.read_text(encoding="utf-8") == before  # the file itself was never touched
    designer.files.prompter.recover_answer = accept
    assert designer.open_file(hello)
    assert designer.files.prompter.asked == [f"recover:{hello.name}"]
    comment = designer.qdoc.data["States"]["Say Hello"]["Comment"]
    if accept:
        assert comment == "typed before the crash"
        assert designer.qdoc.dirty
        designer.qdoc.undo()  # the restore itself can be undone
        assert designer.qdoc.data == json.loads(before)
    else:
        assert comment != "typed before the crash"
        assert not recovery.exists()


def test_autosave_only_while_dirty_and_removed_on_save(designer, hello, settings):
    assert designer.open_file(hello)
    assert designer.files.autosave_now() is None
    designer.qdoc.push(SetField("/States/Done/Comment", "x"))
    recovery = designer.files.autosave_now()
    assert recovery == recovery_path_for(hello, settings)
    assert recovery is not None
    assert recovery.is_file()
    assert designer.files.save()
    assert not recovery.exists()


def test_untitled_work_has_a_recovery_file_too(designer, settings):
    designer.qdoc.push(SetField("/Comment", "draft"))
    recovery = designer.files.autosave_now()
    assert recovery is not None
    assert recovery.parent == recovery_path_for(None, settings).parent
    assert "draft" in recovery.read_text(encoding="utf-8")


def test_file_changed_on_disk_is_offered_for_reload(designer, hello, qtbot):
    assert designer.open_file(hello)
    data = json.loads(hello.read_text(encoding="utf-8"))
    data["States"]["Done"]["Comment"] = "changed by git pull"
    hello.write_text(json.dumps(data, indent=2), encoding="utf-8")
    designer.files._on_disk_change(str(hello))  # what the file watcher calls
    assert designer.files.prompter.asked == [f"reload:{hello.name}"]
    assert designer.qdoc.data["States"]["Done"]["Comment"] == "changed by git pull"
    designer.files._on_disk_change(str(hello))  # same text again: no second question
    assert len(designer.files.prompter.asked) == 1


def test_our_own_save_is_not_reported_as_a_change(designer, hello):
    assert designer.open_file(hello)
    designer.qdoc.push(SetField("/States/Done/Comment", "ours"))
    assert designer.files.save()
    designer.files._on_disk_change(str(hello))
    assert designer.files.prompter.asked == []
