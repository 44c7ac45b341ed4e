#!/bin/sh
# EPUB fixtures made by pandoc (Debian package `pandoc`; these were made with 2.17) from the
# Markdown in ../sources (written by ../sources.py from the bundled op-ed).
#
#   sh tests/data/epub/make.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src="$here/../sources"
cd "$src"
# A 4x4 PNG for the image segment (pandoc embeds the file it is given).
python3 -c "
import struct, zlib
def chunk(t, d): return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d))
raw = b''.join(b'\x00' + b'\x20\x60\xc0' * 4 for _ in range(4))
open('chart.png', 'wb').write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', 4, 4, 8, 2, 0, 0, 0)) + chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b''))
"
pandoc oped-en.md -t epub3 -o "$here/oped-en.epub"
pandoc oped-en.md -t epub2 -o "$here/oped-en-epub2.epub"
# The Chinese edition opens with a translator's preface the original does not have.
{
  sed -n '1,5p' oped-zh.md
  printf '\n# 译者序\n\n这篇文章发表于二〇二四年八月。译者按原文分段翻译。\n\n'
  sed '1,5d' oped-zh.md
} > oped-zh-preface.md
pandoc oped-zh-preface.md -t epub3 -o "$here/oped-zh.epub"
# Ruby readings (Japanese), written as HTML inside the Markdown.
cat > ruby-ja.md <<'MD'
---
title: 漢字の読み方
lang: ja
---

# 第一章

<ruby>漢字<rt>かんじ</rt></ruby>を<ruby>読<rt>よ</rt></ruby>むのは<ruby>楽<rt>たの</rt></ruby>しい。毎日少しずつ覚えます。
MD
pandoc ruby-ja.md -t epub3 -o "$here/ruby-ja.epub"
# Two books in one volume, each with its chapters (levels 1 and 2, a section at level 3) and
# a footnote: the table of contents, its filter and the chapter path in the status bar.
# The text is Lewis Carroll's (1865, 1871; public domain), the opening lines of each chapter.
cat > alice.md <<'MD'
---
title: Alice's Adventures in Wonderland and Through the Looking-Glass
author: Lewis Carroll
lang: en
---

# Alice's Adventures in Wonderland

## Chapter I: Down the Rabbit-Hole

Alice was beginning to get very tired of sitting by her sister on the bank, and of having nothing to do: once or twice she had peeped into the book her sister was reading, but it had no pictures or conversations in it.[^rabbit]

So she was considering in her own mind (as well as she could, for the hot day made her feel very sleepy and stupid), whether the pleasure of making a daisy-chain would be worth the trouble of getting up and picking the daisies, when suddenly a White Rabbit with pink eyes ran close by her.

## Chapter II: The Pool of Tears

"Curiouser and curiouser!" cried Alice (she was so much surprised, that for the moment she quite forgot how to speak good English).

## Chapter III: A Caucus-Race and a Long Tale

They were indeed a queer-looking party that assembled on the bank—the birds with draggled feathers, the animals with their fur clinging close to them, and all dripping wet, cross, and uncomfortable.

### The Mouse's Tale

"Mine is a long and a sad tale!" said the Mouse, turning to Alice, and sighing.

# Through the Looking-Glass

## Chapter I: Looking-Glass House

One thing was certain, that the white kitten had had nothing to do with it:—it was the black kitten's fault entirely.

## Chapter II: The Garden of Live Flowers

"I should see the garden far better," said Alice to herself, "if I could get to the top of that hill."

[^rabbit]: The first chapter was called "Alice's Adventures Under Ground" in the manuscript Carroll gave Alice Liddell in 1864.
MD
pandoc alice.md -t epub3 -o "$here/alice-levels.epub"
rm -f chart.png oped-zh-preface.md ruby-ja.md alice.md
