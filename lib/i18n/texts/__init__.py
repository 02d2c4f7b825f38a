"""Translation texts, one module per page or concern; merged by lib.i18n.catalogue."""
