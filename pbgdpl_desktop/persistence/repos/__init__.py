"""Small query modules per aggregate; services call them inside a ``Database.transaction()``."""
