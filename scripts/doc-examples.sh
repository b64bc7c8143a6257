#!/usr/bin/env bash
# Fails listing every public item of auth-runtime without a code example in its docs: each
# type, trait, function, inherent method, associated const, constant, module and macro
# reachable from the crate root (the three macros of auth-macros through its re-exports),
# except #[doc(hidden)] items, the methods of trait impls, struct fields and enum variants.
#
#   bash scripts/doc-examples.sh
#   VERBOSE=1 bash scripts/doc-examples.sh      # also lists every item it checks
#
# An example is a fenced code block that rustdoc compiles as Rust: no language, `rust`, or
# only rustdoc's attributes (`no_run`, `should_panic`, `edition2024`, ...). `text`, `toml`,
# `sh` and the like do not count, nor does a block that is `compile_fail` or `ignore`: those
# show a mistake, or are never built.
#
# Stable rustdoc cannot tell (the `missing_doc_code_examples` lint and `--show-coverage` skip
# items defined in private modules and re-exported, which is most of this crate), so this reads
# the JSON output of the nightly toolchain's rustdoc, built into target/doc-examples. Without
# nightly it prints a note and passes, unless CI=true.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! cargo +nightly --version >/dev/null 2>&1; then
    {
        echo "!!! =============================================================================="
        echo "!!! doc-examples: the nightly toolchain is not installed, so NOTHING WAS CHECKED."
        echo "!!! Install it to run this check: rustup toolchain install nightly --profile minimal"
        echo "!!! =============================================================================="
    } >&2
    if [[ "${CI:-}" == "true" ]]; then
        exit 1
    fi
    exit 0
fi

target_dir=$(cargo metadata --format-version 1 --no-deps |
    sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
out="$target_dir/doc-examples"

# Both crates in one `cargo doc`, not `cargo rustdoc` (one package at a time): auth-macros on
# its own does not build, as it relies on syn features its neighbours turn on. Every feature, so
# the stores behind `postgres` and `redis` are checked too.
echo "==> rustdoc JSON of auth-runtime and auth-macros (cargo +nightly doc, into $out)"
RUSTDOCFLAGS="-Z unstable-options --output-format json" \
    cargo +nightly doc -q --no-deps -p auth-runtime -p auth-macros --all-features --target-dir "$out"

python3 - "$out/doc" <<'PY'
import json
import os
import re
import sys

doc_dir = sys.argv[1]
verbose = os.environ.get("VERBOSE") == "1"
crates = {}


def load(name):
    if name not in crates:
        with open(os.path.join(doc_dir, name + ".json")) as f:
            crates[name] = json.load(f)
    return crates[name]


def kind_of(item):
    return next(iter(item["inner"]))


# rustdoc's own words in a code block's language string; any other word (text, toml, sh,
# json, console, ...) makes it a block rustdoc does not compile.
RUSTDOC_WORDS = {"rust", "no_run", "should_panic", "test_harness", "standalone_crate"}
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$")


def code_blocks(docs):
    """The language strings of the fenced code blocks of a doc comment."""
    langs = []
    fence = None
    for line in docs.splitlines():
        m = FENCE.match(line)
        if fence is None:
            if m:
                fence = m.group(1)
                langs.append(m.group(2).strip())
        elif m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence) and not m.group(2).strip():
            fence = None
    return langs


def is_example(lang):
    """Whether a block with this language string is Rust that rustdoc builds and runs."""
    for word in re.split(r"[\s,]+", lang.strip("{}")):
        word = word.lstrip(".")
        if not word:
            continue
        if word == "compile_fail" or word == "ignore" or word.startswith("ignore-"):
            return False
        if word not in RUSTDOC_WORDS and not re.fullmatch(r"edition\d+", word):
            return False
    return True


def has_example(item):
    return any(is_example(lang) for lang in code_blocks(item.get("docs") or ""))


def location(item):
    """`file:line` of an item's docs: the Markdown file they are included from, if any."""
    span = item.get("span")
    if not span:
        return ("?", 0)
    path, line = span["filename"], span["begin"][0]
    try:
        with open(path) as f:
            lines = f.read().splitlines()
    except OSError:
        return (path, line)
    for text in reversed(lines[max(0, line - 6):line - 1]):
        m = re.search(r'include_str!\("([^"]+)"\)', text)
        if m:
            return (os.path.normpath(os.path.join(os.path.dirname(path), m.group(1))), 1)
        if not text.strip().startswith("#["):
            break
    return (path, line)


CHECKED_KINDS = {
    "module", "struct", "enum", "union", "trait", "trait_alias", "function", "constant",
    "static", "type_alias", "macro", "proc_macro", "assoc_const",
}
seen = set()
checked = []
missing = []


def check(item, path):
    if kind_of(item) not in CHECKED_KINDS:
        return
    entry = (location(item), "::".join(path), kind_of(item))
    checked.append(entry)
    if not has_example(item):
        missing.append(entry)


def resolve_external(crate, item_id):
    """A re-export of another workspace crate's item (the macros): that crate's JSON and item.
    None for a dependency's item, whose docs are not ours."""
    summary = crate["paths"].get(str(item_id))
    if not summary:
        return None
    ext = crate["external_crates"].get(str(summary["crate_id"]))
    if not ext or not os.path.exists(os.path.join(doc_dir, ext["name"] + ".json")):
        return None
    other = load(ext["name"])

    def children(module):
        return [other["index"][str(i)] for i in module["inner"]["module"]["items"]]

    # Looked up by name from the crate root: for macros, the ids of `paths` and `index` differ.
    module = other["index"][str(other["root"])]
    *parents, name = summary["path"][1:]
    for parent in parents:
        module = next((c for c in children(module) if c["name"] == parent and kind_of(c) == "module"), None)
        if module is None:
            return None
    candidates = [c for c in children(module) if c["name"] == name]
    wanted = {"proc_derive": "derive", "proc_attribute": "attr", "macro": "bang"}.get(summary["kind"])
    if len(candidates) > 1 and wanted:
        candidates = [c for c in candidates if c["inner"].get("proc_macro", {}).get("kind") == wanted]
    return (ext["name"], candidates[0]) if len(candidates) == 1 else None


def walk_module(crate_name, module, path):
    """The items of a module, and what its `pub use` items re-export."""
    crate = load(crate_name)
    for child_id in module["inner"]["module"]["items"]:
        child = crate["index"][str(child_id)]
        if kind_of(child) != "use":
            walk(crate_name, child, path + [child["name"]])
            continue
        use = child["inner"]["use"]
        if use["id"] is None:
            continue
        if str(use["id"]) in crate["index"]:
            target_crate, target = crate_name, crate["index"][str(use["id"])]
        else:
            found = resolve_external(crate, use["id"])
            if not found:
                continue
            target_crate, target = found
        if not use["is_glob"]:
            walk(target_crate, target, path + [use["name"]])
        elif kind_of(target) == "module":  # an enum's variants are covered by the enum
            walk_module(target_crate, target, path)


def walk(crate_name, item, path):
    crate = load(crate_name)
    if (crate_name, item["id"]) in seen:
        return
    seen.add((crate_name, item["id"]))
    check(item, path)
    kind = kind_of(item)
    inner = item["inner"][kind]
    if kind == "module":
        walk_module(crate_name, item, path)
    elif kind in ("struct", "enum", "union"):
        # Inherent methods and associated consts; trait impls are documented by their trait.
        for impl_id in inner["impls"]:
            impl = crate["index"][str(impl_id)]["inner"]["impl"]
            if impl["trait"] is not None or impl["is_synthetic"] or impl["blanket_impl"]:
                continue
            for member_id in impl["items"]:
                member = crate["index"][str(member_id)]
                if member["visibility"] == "public":
                    walk(crate_name, member, path + [member["name"]])
    elif kind == "trait":
        for member_id in inner["items"]:
            member = crate["index"][str(member_id)]
            if kind_of(member) == "assoc_const":
                walk(crate_name, member, path + [member["name"]])


root = load("auth_runtime")
try:
    walk("auth_runtime", root["index"][str(root["root"])], ["auth_runtime"])
except (KeyError, TypeError, StopIteration) as error:
    print(
        f"doc-examples: cannot read this rustdoc's JSON (format version "
        f"{root.get('format_version')}; the script was written for version 57): {error!r}",
        file=sys.stderr,
    )
    sys.exit(2)

if verbose:
    for (file, line), name, kind in sorted(checked):
        print(f"checked {file}:{line} {name} ({kind})")
for (file, line), name, kind in sorted(missing):
    print(f"{file}:{line} {name} ({kind}): no code example")
print(f"doc-examples: {len(checked) - len(missing)} of {len(checked)} public items have a code example")
sys.exit(1 if missing else 0)
PY
