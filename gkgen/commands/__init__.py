"""The gkgen commands; click speaks Chinese once any of them is imported (before their
decorators run: click names some things when they are built)."""

from gkgen.i18n import install

install()
