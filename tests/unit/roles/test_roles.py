"""Static and functional tests of the hardening, image_cleanup and image_validation roles.

Red Hat-family and Amazon Linux targets cannot be reached offline: their variables are
covered here (same keys as Debian) and by ansible-lint, not by a converge.
"""
import os
import re
import subprocess

import jinja2
import pytest
import yaml

from ansible_collections.imageforge.image_builder.plugins.module_utils._host.image_checks import CHECK_TYPES

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
ROLES = os.path.join(ROOT, "roles")
HARD = os.path.join(ROLES, "hardening")
OS_FILES = ["Debian", "Ubuntu", "RedHat", "Amazon"]


def load(*parts):
    with open(os.path.join(*parts)) as f:
        return yaml.safe_load(f)


@pytest.fixture(scope="module")
def controls():
    return load(HARD, "vars", "controls.yml")["hardening_controls"]


@pytest.fixture(scope="module")
def defaults():
    return load(HARD, "defaults", "main.yml")


def spec_options(role):
    return load(ROLES, role, "meta", "argument_specs.yml")["argument_specs"]["main"]["options"]


def test_controls_have_every_field(controls):
    names = set()
    for c in controls:
        for field in ("name", "id", "cis", "file", "toggle", "tag", "files", "runtime", "checks"):
            assert field in c, "%s lacks %s" % (c.get("name"), field)
        assert c["name"] not in names, "duplicate control %s" % c["name"]
        names.add(c["name"])
        assert c["toggle"] == "hardening_%s_enabled" % c["name"]
        assert os.path.isfile(os.path.join(HARD, "tasks", c["file"])), c["file"]
        assert c["checks"], "%s has no validation check" % c["name"]


def test_every_control_is_imported_with_its_tag_and_toggle(controls):
    main = load(HARD, "tasks", "main.yml")
    imports = {t["ansible.builtin.import_tasks"]: t for t in main if "ansible.builtin.import_tasks" in t}
    for c in controls:
        t = imports.get(c["file"])
        assert t, "%s not imported" % c["file"]
        assert c["tag"] in t["tags"], "%s lacks tag %s" % (c["file"], c["tag"])
        assert t["when"] == "%s | bool" % c["toggle"]


def test_task_names_carry_the_cis_id(controls):
    for c in controls:
        for task in load(HARD, "tasks", c["file"]) or []:
            name = task["name"]
            if c["id"] == "L":
                assert name.startswith("LYNIS "), name
            else:
                assert re.match(r"^\d+(\.\d+)*", name), name
                assert re.search(r"\| (PATCH|AUDIT) \|", name), name


def test_toggles_and_defaults_are_in_argument_specs(controls, defaults):
    opts = spec_options("hardening")
    for c in controls:
        assert c["toggle"] in defaults
        assert c["toggle"] in opts
    assert set(opts) == set(defaults)
    for k, v in defaults.items():
        assert opts[k]["default"] == v, k
        assert opts[k]["description"]


@pytest.mark.parametrize("role", ["image_cleanup", "image_validation"])
def test_other_roles_specs_match_defaults(role):
    d = load(ROLES, role, "defaults", "main.yml")
    opts = spec_options(role)
    assert set(opts) == set(d)
    for k, v in d.items():
        assert opts[k]["default"] == v, k


@pytest.mark.parametrize("osfile", ["Ubuntu", "RedHat", "Amazon"])
def test_os_vars_define_every_debian_key(osfile):
    deb = load(HARD, "vars", "Debian.yml")
    other = load(HARD, "vars", osfile + ".yml")
    assert set(deb) == set(other), set(deb) ^ set(other)
    for k, v in deb.items():
        assert type(v) is type(other[k]), k


def test_os_vars_are_referenced():
    """Every OS key is used somewhere in the role (no dead variables)."""
    text = ""
    for base, _dirs, files in os.walk(HARD):
        for f in files:
            if f.endswith((".yml", ".j2")) and not base.endswith("vars") or f in ("main.yml", "controls.yml"):
                text += open(os.path.join(base, f)).read()
    for k in load(HARD, "vars", "Debian.yml"):
        assert k in text, "%s is never used" % k


def test_vfat_is_never_blacklisted_by_default(defaults):
    mods = (defaults["hardening_kernel_modules_filesystems"] + defaults["hardening_kernel_modules_protocols"]
            + defaults["hardening_kernel_modules_extra"])
    assert "vfat" not in mods and "fat" not in mods and "msdos" not in mods
    for osfile in OS_FILES:
        assert "vfat" not in load(HARD, "vars", osfile + ".yml")["__hardening_kernel_modules_keep"]


def test_usb_storage_and_firewire_options(defaults):
    assert defaults["hardening_kernel_modules_usb_storage"] is True
    assert defaults["hardening_kernel_modules_firewire"] is True


def test_ubuntu_keeps_squashfs_for_snaps():
    assert "squashfs" in load(HARD, "vars", "Ubuntu.yml")["__hardening_kernel_modules_keep"]


def test_encrypt_method_by_os():
    assert load(HARD, "vars", "Debian.yml")["__hardening_encrypt_method"] == "YESCRYPT"
    assert load(HARD, "vars", "Ubuntu.yml")["__hardening_encrypt_method"] == "YESCRYPT"
    assert load(HARD, "vars", "RedHat.yml")["__hardening_encrypt_method"] == "SHA512"
    assert load(HARD, "vars", "Amazon.yml")["__hardening_encrypt_method"] == "SHA512"


def test_check_types_are_known_to_the_checker(controls):
    known = set(CHECK_TYPES)
    for c in controls:
        for k in c["checks"]:
            assert k["type"] in known, (c["name"], k["type"])
    for group in load(ROLES, "image_validation", "vars", "main.yml").values():
        for k in group:
            assert k["type"] in known


def test_sshd_config_files_are_validated():
    ssh = load(HARD, "tasks", "ssh.yml")
    writes = [t for t in ssh if "__hardening_files" in t.get("ansible.builtin.set_fact", {})]
    assert len(writes) == 1
    facts = writes[0]["ansible.builtin.set_fact"]
    assert "'validate': __hardening_sshd_validate," in facts["__hardening_files"]
    assert "'validate': __hardening_sshd_validate_main" in facts["__hardening_lines"]


def test_no_command_without_changed_when():
    for role in ("hardening", "image_cleanup", "image_validation"):
        for d in ("tasks", "handlers"):
            path = os.path.join(ROLES, role, d)
            if not os.path.isdir(path):
                continue
            for f in os.listdir(path):
                for t in load(path, f) or []:
                    tasks = t.get("block", [t])
                    for task in tasks:
                        if any(m in task for m in ("ansible.builtin.command", "ansible.builtin.shell")):
                            assert "changed_when" in task or "creates" in task.get("ansible.builtin.command", {}), (f, task["name"])
                        assert "ansible.builtin.shell" not in task, (f, task["name"])


def test_runtime_steps_only_on_a_live_host():
    after = load(HARD, "tasks", "after_apply.yml")
    blocks = [t for t in after if "block" in t]
    assert len(blocks) == 1 and blocks[0]["when"] == "__hardening_runtime | bool"
    for task in blocks[0]["block"]:
        assert "__changed" in str(task.get("when")) or "aide" in str(task.get("when")), task["name"]


def test_control_files_make_no_remote_call_for_files():
    """The control files only collect; the one system_config call in main.yml writes."""
    writers = ("ansible.builtin.copy", "ansible.builtin.template", "ansible.builtin.lineinfile",
               "ansible.builtin.file", "ansible.builtin.systemd_service", "community.general.ini_file")
    for name in os.listdir(os.path.join(HARD, "tasks")):
        if name == "after_apply.yml":  # the runtime steps (restarts, reloads) of a live host
            continue
        for task in load(HARD, "tasks", name) or []:
            for inner in task.get("block", [task]):
                assert not any(w in inner for w in writers), (name, inner.get("name"))
    main = load(HARD, "tasks", "main.yml")
    assert sum("imageforge.image_builder.system_config" in t for t in main) == 1


# --- templates -----------------------------------------------------------------------------
def render(name, **ctx):
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(os.path.join(HARD, "templates")),
                             trim_blocks=True, undefined=jinja2.StrictUndefined)
    env.filters["dictsort"] = lambda d: sorted(d.items())
    env.filters["bool"] = lambda v: v if isinstance(v, bool) else str(v).lower() in ("1", "true", "yes", "on")
    return env.get_template(name).render(ansible_managed="managed", **ctx)


def test_sshd_template_sets_each_keyword_once(defaults):
    ctx = dict(defaults.items())
    ctx.update(__hardening_ssh_lockout_risk=False, __hardening_ssh_manage_crypto=True,
               __hardening_ssh_ciphers=["aes256-gcm@openssh.com"], __hardening_ssh_macs=["hmac-sha2-512-etm@openssh.com"],
               __hardening_ssh_kex=["curve25519-sha256"])
    out = render("sshd-hardening.conf.j2", **ctx)
    keys = [l.split()[0] for l in out.splitlines() if l and not l.startswith("#")]
    assert len(keys) == len(set(keys)), keys
    for want in ("PermitRootLogin no", "PasswordAuthentication no", "MaxAuthTries 3", "MaxSessions 2",
                 "ClientAliveCountMax 2", "X11Forwarding no", "AllowTcpForwarding no", "AllowAgentForwarding no",
                 "Banner /etc/issue.net"):
        assert want in out.splitlines(), want
    # skip mode leaves the authentication settings alone
    ctx.update(__hardening_ssh_lockout_risk=True, hardening_ssh_lockout_action="skip")
    out = render("sshd-hardening.conf.j2", **ctx)
    assert "PasswordAuthentication" not in out and "PermitRootLogin" not in out


def test_modprobe_template_has_no_vfat(defaults):
    mods = defaults["hardening_kernel_modules_filesystems"] + defaults["hardening_kernel_modules_protocols"] + ["usb-storage"]
    out = render("modprobe-hardening.conf.j2", __hardening_blacklist=mods)
    assert "install usb-storage /bin/false" in out
    assert not re.search(r"^(install|blacklist) vfat\b", out, re.M)


def test_aide_unit_never_initialises_in_a_container():
    out = render("hardening-aide-init.service.j2", __hardening_aide_db="/var/lib/aide/aide.db",
                 __hardening_aide_db_new="/var/lib/aide/aide.db.new", __hardening_aide_binary="/usr/bin/aide",
                 __hardening_aide_config="/etc/aide/aide.conf")
    assert "ConditionPathExists=!/var/lib/aide/aide.db" in out
    assert "ConditionVirtualization=!container" in out


# --- target-side helpers ------------------------------------------------------------------------
@pytest.mark.parametrize("script", ["hardening/files/probe.sh", "image_cleanup/files/cleanup.sh"])
def test_shell_helpers_parse(script):
    subprocess.run(["/bin/sh", "-n", os.path.join(ROLES, script)], check=True)


def test_readmes_list_every_control_and_variable(controls, defaults):
    readme = open(os.path.join(HARD, "README.md")).read()
    for c in controls:
        assert c["toggle"] in readme and c["tag"] in readme
    for role in ("image_cleanup", "image_validation"):
        text = open(os.path.join(ROLES, role, "README.md")).read()
        for k in load(ROLES, role, "defaults", "main.yml"):
            assert k in text, (role, k)


# --- rule by rule -------------------------------------------------------------------------
CIS_ID = re.compile(r"(?<![\w.])(\d+(?:\.\d+)+)(?:-(\d+(?:\.\d+)+))?")


def rules_of(controls):
    return [(c, r) for c in controls for r in c.get("rules", [])]


def rule_toggle(rule_id):
    return "hardening_rule_%s_enabled" % rule_id.replace(".", "_")


def task_tags(main_imports, control_file, task):
    return set(task.get("tags", [])) | set(main_imports.get(control_file, {}).get("tags", []))


@pytest.fixture(scope="module")
def main_imports():
    main = load(HARD, "tasks", "main.yml")
    return {t["ansible.builtin.import_tasks"]: t for t in main if "ansible.builtin.import_tasks" in t}


def test_every_cis_id_in_a_task_name_is_a_tag(controls, main_imports):
    for c in controls:
        for task in load(HARD, "tasks", c["file"]) or []:
            prefix = task["name"].split(" | ")[0]
            tags = task_tags(main_imports, c["file"], task)
            for first, last in CIS_ID.findall(prefix):
                for cis_id in filter(None, (first, last)):
                    assert "cis_" + cis_id in tags, (c["file"], task["name"], cis_id)


def test_every_cis_id_in_an_import_name_is_a_tag(main_imports):
    for file, task in main_imports.items():
        for first, last in CIS_ID.findall(task["name"].split(" | ")[0]):
            for cis_id in filter(None, (first, last)):
                assert "cis_" + cis_id in task.get("tags", []), (file, task["name"], cis_id)


def test_every_rule_has_a_toggle_a_task_a_check_and_a_readme_row(controls, defaults, main_imports):
    opts = spec_options("hardening")
    readme = open(os.path.join(HARD, "README.md")).read()
    ids = [r["id"] for _c, r in rules_of(controls)]
    assert len(ids) == len(set(ids)), "a rule id is defined twice"
    for c, r in rules_of(controls):
        toggle = rule_toggle(r["id"])
        assert defaults[toggle] is True, toggle
        assert opts[toggle]["default"] is True and opts[toggle]["type"] == "bool", toggle
        assert r["level"] in (1, 2) and r["nist"], r["id"]
        tasks = [t for t in load(HARD, "tasks", c["file"]) if "cis_" + r["id"] in t.get("tags", [])]
        assert tasks, "rule %s has no task in %s" % (r["id"], c["file"])
        for t in tasks:
            tags = set(t["tags"])
            assert {"level%d" % r["level"], "server"} <= tags, (r["id"], t["name"])
            assert {"cis_" + a for a in r.get("also", [])} <= tags, (r["id"], t["name"])
            assert {"nist_" + n.split("-")[0].lower() for n in r["nist"]} <= tags, (r["id"], t["name"])
            gate = str(t.get("when", "")) + open(os.path.join(HARD, "templates", "sshd-hardening.conf.j2")).read() * (c["name"] == "ssh")
            assert toggle in gate, (r["id"], t["name"])
        assert any(k.get("rule") == r["id"] for k in c["checks"]), "rule %s has no check" % r["id"]
        assert re.search(r"^\| %s \|.*`%s` \|$" % (re.escape(r["id"]), toggle), readme, re.M), "README row for %s" % r["id"]


def test_every_check_rule_is_a_rule_of_its_control(controls):
    for c in controls:
        ids = {r["id"] for r in c.get("rules", [])}
        for k in c["checks"]:
            assert k.get("rule", next(iter(ids), None)) in ids or not ids, (c["name"], k)
