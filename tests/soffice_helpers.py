"""Running LibreOffice the way the real-client tests need it: headless, its own profile, fonts aliased.

The official fonts (仿宋_GB2312, 方正小标宋简体 …) are not on a Linux test machine; a fontconfig file
in a private HOME maps them to the Noto/AR PL CJK fonts that `.ci/run` installs, so page layout and
text extraction behave as they would with the real fonts' metrics.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

FONTCONFIG = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
{aliases}
</fontconfig>
"""
ALIASES = {
    "仿宋_GB2312": "Noto Serif CJK SC",
    "方正小标宋简体": "Noto Serif CJK SC",
    "宋体": "Noto Serif CJK SC",
    "楷体_GB2312": "AR PL UKai CN",
    "黑体": "Noto Sans CJK SC",
}


def soffice(work: Path, target: str, *files: Path, outdir: Path | None = None) -> None:
    """Convert ``files`` to ``target`` (pdf, docx …) into ``outdir`` (default ``work``); profile and HOME in ``work``."""
    home = work / "home"
    conf = home / ".config" / "fontconfig"
    conf.mkdir(parents=True, exist_ok=True)
    aliases = "\n".join(f'  <alias binding="same"><family>{name}</family><prefer><family>{font}</family>'
                        "</prefer></alias>" for name, font in ALIASES.items())
    (conf / "fonts.conf").write_text(FONTCONFIG.format(aliases=aliases), encoding="utf-8")
    command = [str(shutil.which("soffice")), "--headless", f"-env:UserInstallation={(work / 'profile').as_uri()}",
               "--convert-to", target, "--outdir", str(outdir or work), *map(str, files)]
    env = {"HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
    subprocess.run(command, env=env, check=True, capture_output=True, timeout=300)
