"""HTML input never fetches anything and runs nothing.

Pages full of remote references (images, srcset, stylesheets, scripts, iframes, objects,
embeds, meta refresh, CSS @import and url(), <base>, prefetch links, XML external entities,
javascript: URLs, inline event handlers) are loaded and indexed with the network and every
way of starting a program replaced by tripwires. Loading must succeed, trip nothing, and
keep no script or style text as article text.
"""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import urllib.request

import pytest

from index.corpus import load_corpus, read_article_file
from index.facade import Briefing
from tests.conftest import write_config

REMOTE = "http://127.0.0.1:9"
PAGE = f"""<!DOCTYPE html [<!ENTITY xxe SYSTEM "{REMOTE}/xxe">]>
<html><head>
<base href="{REMOTE}/">
<meta http-equiv="refresh" content="0; url={REMOTE}/refresh">
<link rel="stylesheet" href="{REMOTE}/style.css">
<link rel="prefetch" href="{REMOTE}/prefetch"><link rel="preconnect" href="{REMOTE}">
<link rel="canonical" href="{REMOTE}/canonical">
<link rel="import" href="{REMOTE}/import.html">
<style>@import url({REMOTE}/import.css); body {{ background: url({REMOTE}/bg.png) }}</style>
<script src="{REMOTE}/remote.js"></script>
<script>fetch("{REMOTE}/fetch"); SCRIPTTEXT = 1;</script>
<title>Ministers meet over maritime security</title>
</head>
<body onload="fetch('{REMOTE}/onload')">
<article>
<p>Defence ministers met in Manila on Tuesday to discuss maritime security, officials said.
<img src="{REMOTE}/photo.jpg" srcset="{REMOTE}/a.jpg 1x, {REMOTE}/b.jpg 2x"
 onerror="fetch('{REMOTE}/err')"></p>
<picture><source srcset="{REMOTE}/p.webp"><img src="{REMOTE}/p.jpg"></picture>
<p>The talks covered joint patrols &xxe; and
<a href="javascript:fetch('{REMOTE}/js')">a link</a>.</p>
<iframe src="{REMOTE}/frame"></iframe><object data="{REMOTE}/obj.swf"></object>
<embed src="{REMOTE}/embed.swf"><video src="{REMOTE}/v.mp4" poster="{REMOTE}/poster.jpg"></video>
<audio src="{REMOTE}/a.mp3"></audio>
<svg><image href="{REMOTE}/svg.png"/><script>SVGSCRIPT=1</script></svg>
<noscript><img src="{REMOTE}/noscript.gif"></noscript>
<template><img src="{REMOTE}/template.png"></template>
<form action="{REMOTE}/form"><input src="{REMOTE}/input.png" type="image"></form>
</article>
<script type="module">import "{REMOTE}/module.js"; MODULETEXT = 1;</script>
</body></html>
"""


class Tripwire(Exception):
    pass


@pytest.fixture
def tripwires(monkeypatch) -> list[str]:
    tripped: list[str] = []

    def trip(name):
        def tripwire(*args, **kwargs):
            tripped.append(name)
            raise Tripwire(name)

        return tripwire

    for owner, name in [
        (socket, "socket"), (socket, "create_connection"), (socket, "getaddrinfo"),
        (socket, "gethostbyname"), (urllib.request, "urlopen"),
        (http.client.HTTPConnection, "connect"),
        (subprocess, "Popen"), (os, "system"), (os, "popen"), (os, "execv"), (os, "execve"),
        (os, "fork"), (os, "posix_spawn"),
    ]:  # fmt: skip
        if hasattr(owner, name):
            monkeypatch.setattr(owner, name, trip(f"{getattr(owner, '__name__', owner)}.{name}"))
    return tripped


@pytest.mark.parametrize("suffix", [".html", ".htm"])
def test_loading_fetches_nothing(tmp_path, tripwires, suffix):
    path = tmp_path / f"page{suffix}"
    path.write_text(PAGE, encoding="utf-8")
    result = read_article_file(path, tmp_path)
    assert not tripwires
    assert len(result.articles) == 1, [str(w) for w in result.warnings]
    article = result.articles[0]
    assert "maritime security" in article.body
    for leaked in ("SCRIPTTEXT", "SVGSCRIPT", "MODULETEXT", "fetch(", "@import", "background"):
        assert leaked not in article.body and leaked not in article.title, leaked
    assert "127.0.0.1" not in article.body


def test_indexing_html_fetches_nothing(tmp_path, tripwires):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(3):
        (corpus / f"page{n}.html").write_text(
            PAGE.replace("Manila", f"Manila{n}"), encoding="utf-8"
        )
    config = write_config(tmp_path, corpus)
    report = Briefing.from_config_file(config).refresh()
    assert report.added == 3
    assert not tripwires
    assert Briefing.from_config_file(config).search("maritime").total == 3
    assert load_corpus(corpus).articles and not tripwires


def test_tripwires_work(tripwires):
    with pytest.raises(Tripwire):
        socket.create_connection(("127.0.0.1", 9))
    with pytest.raises(Tripwire):
        subprocess.Popen(["true"])
    assert len(tripwires) == 2
