#!/usr/bin/env bash
# Make sure a Chinese font is installed on Debian/Ubuntu (Windows and macOS ship one).
set -u
[ "$(uname -s)" = "Linux" ] || exit 0
if command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list :lang=zh 2>/dev/null | head -1)" ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  apt-get update -qq >/dev/null && apt-get install -y -qq fonts-wqy-microhei fonts-wqy-zenhei >/dev/null
else
  echo "提示：未找到中文字体，请先运行 sudo apt-get install fonts-wqy-microhei fonts-wqy-zenhei" >&2
fi
