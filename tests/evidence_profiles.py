"""The profile the evidence tests run against: HubSpot owns clients, the others may copy them."""

from __future__ import annotations

SYSTEMS = (("hubspot", "HubSpot", "crm"), ("trello", "Trello", "pm"), ("xero", "Xero", "billing"),
           ("sheet", "Old sheet", "spreadsheet"))


def profile_text(copies: str = "") -> str:
    """A valid profile whose client record is owned by HubSpot, with these copies (TOML inline tables)."""
    systems = "".join(f'[[systems]]\nid = "{id_}"\nname = "{name}"\nkind = "{kind}"\n' for id_, name, kind in SYSTEMS)
    return (f'schema = 1\nname = "Evidence"\n{systems}'
            f'[[records]]\nentity = "client"\nowner = "hubspot"\ncopies = [{copies}]\n')
