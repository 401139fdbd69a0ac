"""Profile.system(): an id lookup the analysis makes once per record."""

from truthmap.editing import add_system, remove_system
from truthmap.model import Profile, System


def test_finds_each_declared_system_and_nothing_else():
    profile = Profile(name="p", systems=[System(id="crm", name="CRM", kind="crm"),
                                         System(id="pm", name="PM", kind="pm")])
    assert profile.system("pm").name == "PM"
    assert profile.system("crm").kind == "crm"
    assert profile.system("nope") is None
    assert profile.system(None) is None
    assert profile.system_label("nope") == "nope"
    assert profile.system_label(None) == "nothing"


def test_the_first_of_two_systems_with_one_id_wins():
    # Invalid in a file, but the lookup must still agree with a scan in order.
    profile = Profile(name="p", systems=[System(id="x", name="First", kind="crm"),
                                         System(id="x", name="Second", kind="pm")])
    assert profile.system("x").name == "First"


def test_edited_profiles_see_their_own_systems():
    profile = Profile(name="p", systems=[System(id="crm", name="CRM", kind="crm")])
    assert profile.system("pm") is None
    added = add_system(profile, "Trello", "pm", "pm")
    assert added.system("pm").name == "Trello"
    assert profile.system("pm") is None  # the original is untouched
    renamed = added.model_copy(update={"systems": [System(id="crm", name="HubSpot", kind="crm"), *added.systems[1:]]})
    assert renamed.system("crm").name == "HubSpot"
    assert added.system("crm").name == "CRM"
    assert remove_system(added, "crm").profile.system("crm") is None


def test_many_profiles_in_turn_never_mix_up_their_systems():
    profiles = [Profile(name=f"p{n}", systems=[System(id="tool", name=f"Tool {n}", kind="pm")]) for n in range(40)]
    for _ in range(2):
        for n, profile in enumerate(profiles):
            assert profile.system("tool").name == f"Tool {n}"


def test_a_systems_list_changed_in_place_is_seen():
    profile = Profile(name="p", systems=[System(id="crm", name="CRM", kind="crm")])
    assert profile.system("pm") is None
    profile.systems.append(System(id="pm", name="PM", kind="pm"))
    assert profile.system("pm").name == "PM"
