#!/usr/bin/env bash
# Runs the fuzz targets that Fuzz/build.sh builds. One fuzzer process at a time, under nice.
#
#   Fuzz/run.sh TARGET [LIMIT] [LIBFUZZER FLAGS...]
#       Fuzzes TARGET. LIMIT is a time (90s, 30m, 2h) or a number of runs (10000000, 10M);
#       default 60s. New inputs go to Fuzz/.work/corpus/TARGET (the committed seeds in
#       Fuzz/corpus/TARGET and the committed grown corpus Fuzz/grown/TARGET.tar.gz are read,
#       never written), crashes, hangs and over-budget inputs to Fuzz/.work/artifacts/TARGET,
#       the log to Fuzz/.work/logs/.
#   Fuzz/run.sh --all LIMIT            every target in turn for LIMIT each, going on after a
#                                      finding; one summary line per run in Fuzz/.work/runs.tsv
#   Fuzz/run.sh --list                 the targets and what each takes
#   Fuzz/run.sh --seed [TOOL]          makes the seeds (Fuzz/make_seeds.py; TOOL, a built
#                                      vmcs-inspect, makes the JSON ones) and minimises them
#                                      into Fuzz/corpus/TARGET with -merge=1
#   Fuzz/run.sh --pack TARGET...       the corpus campaigns grew (Fuzz/.work/corpus/TARGET), with
#                                      the seeds and the committed grown corpus, minimised by
#                                      set cover (-set_cover_merge=1) into Fuzz/grown/TARGET.tar.gz
#   Fuzz/run.sh --replay               runs every regression input in Tests/FuzzCorpus/TARGET
#                                      and every committed seed once through its target
#   Fuzz/run.sh --smoke SECONDS        every target for SECONDS on its committed corpus (CI);
#                                      exits 3 when the toolchain cannot build fuzz targets
#
# FUZZ_SANITIZERS=fuzzer uses the build without ASan (about 3x faster). Run the binary directly
# to reproduce a crash: Fuzz/.build/fuzzer-address/fuzz-TARGET CRASH-FILE.
set -euo pipefail
cd "$(dirname "$0")/.."
sanitizers="${FUZZ_SANITIZERS:-fuzzer,address}"
bin="Fuzz/.build/${sanitizers//,/-}"
work="Fuzz/.work"
# Leaks at exit are the runtime's caches, not bugs; a per-input leak shows as RSS growth.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0:malloc_context_size=3}"
# Swift's backtracer would take a trap's SIGILL before libFuzzer's handler, which then never
# writes the input that caused it: leave the signal to libFuzzer. (Run the binary on the saved
# input to see Swift's backtrace.)
export SWIFT_BACKTRACE=enable=no

# The longest input each target takes: a raw page is 4096 bytes (+1 selector byte); a hex dump
# of a page needs up to ~18 KiB (gdb and xxd print every line); a log dump ~4 KiB; the small
# crash dumps of the seeds up to 25 KiB.
max_len() {
    case "$1" in
        raw) echo 4097 ;;
        layout) echo 4096 ;;
        hexdump) echo 20480 ;;
        dump) echo 32768 ;;
        detect | logline | json) echo 16384 ;;
        *) echo 8192 ;;
    esac
}

targets() { VMCS_FUZZ_TARGET=list "$bin/vmcs-inspect-fuzz" | cut -f1; }

# libFuzzer flags common to every run: -timeout catches hangs (an input of these sizes takes
# milliseconds; the margin is for a loaded machine), -rss_limit_mb and -malloc_limit_mb memory
# blow-ups.
common_flags() {
    local target="$1" flags=(-max_len="$(max_len "$target")" -timeout=25 -rss_limit_mb=2048 -malloc_limit_mb=1024 -print_final_stats=1)
    [ -f "Fuzz/dict/$target.dict" ] && flags+=(-dict="Fuzz/dict/$target.dict")
    printf '%s\n' "${flags[@]}"
}

# The committed grown corpus of a target, unpacked into Fuzz/.work/grown/TARGET when the archive
# is newer than the copy; prints the folder (nothing when the target has none).
grown_corpus() {
    local archive="Fuzz/grown/$1.tar.gz" folder="$work/grown/$1"
    [ -f "$archive" ] || return 0
    if [ ! -d "$folder" ] || [ "$archive" -nt "$folder" ]; then
        rm -rf "$folder"
        mkdir -p "$work/grown"
        # Called in $(…), where set -e does not reach: a failed unpack is said and returned.
        if ! tar -xzf "$archive" -C "$work/grown" || [ ! -d "$folder" ]; then
            rm -rf "$folder"
            echo "fuzz: cannot unpack $archive" >&2
            return 1
        fi
        touch "$folder"
    fi
    echo "$folder"
}

ensure_built() {
    [ -x "$bin/vmcs-inspect-fuzz" ] || FUZZ_SANITIZERS="$sanitizers" Fuzz/build.sh
    # A binary older than the sources fuzzes code that is gone (and finds bugs already fixed):
    # say so, as two processes sharing one binary must not rebuild it under each other.
    if [ -n "$(find Sources Tests/VMCSInspectTests/FuzzTargets.swift Fuzz/main.swift -newer "$bin/vmcs-inspect-fuzz" -name '*.swift' -o -newer "$bin/vmcs-inspect-fuzz" -name '*.h' | head -1)" ]; then
        echo "fuzz: warning: $bin/vmcs-inspect-fuzz is older than the sources; run FUZZ_SANITIZERS=$sanitizers Fuzz/build.sh first" >&2
    fi
}

case "${1:-}" in
    "" | -h | --help)
        sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
        ;;
    --list)
        ensure_built
        VMCS_FUZZ_TARGET=list "$bin/vmcs-inspect-fuzz" | column -t -s $'\t'
        ;;
    --seed)
        ensure_built
        seeds="$(mktemp -d)"
        trap 'rm -rf "$seeds"' EXIT
        python3 Fuzz/make_seeds.py "$seeds" ${2:+"$2"}
        for target in $(targets); do
            [ -d "$seeds/$target" ] || continue
            rm -rf "Fuzz/corpus/$target"
            mkdir -p "Fuzz/corpus/$target"
            mapfile -t flags < <(common_flags "$target")
            nice -n 10 "$bin/fuzz-$target" -merge=1 "${flags[@]}" "Fuzz/corpus/$target" "$seeds/$target" 2>&1 | grep -E "MERGE-OUTER: [0-9]+ new files" || true
            echo "$target: $(ls "Fuzz/corpus/$target" | wc -l) seeds, $(du -sk "Fuzz/corpus/$target" | cut -f1) KiB"
        done
        ;;
    --pack)
        ensure_built
        shift
        for target in "$@"; do
            targets | grep -qx "$target" || { echo "fuzz: no target '$target' (Fuzz/run.sh --list)"; exit 2; }
            merged="$(mktemp -d)"
            trap 'rm -rf "$merged"' EXIT
            inputs=("Fuzz/corpus/$target")
            grown="$(grown_corpus "$target")" || exit 2
            [ -n "$grown" ] && inputs+=("$grown")
            [ -d "$work/corpus/$target" ] && inputs+=("$work/corpus/$target")
            mapfile -t flags < <(common_flags "$target")
            mkdir -p "$merged/$target" "$work/logs"
            log="$work/logs/$target-pack-$(date +%Y%m%d-%H%M%S).log"
            # A merge that fails, or keeps nothing, leaves the committed archive as it was.
            if ! nice -n 10 "$bin/fuzz-$target" -set_cover_merge=1 "${flags[@]}" "$merged/$target" "${inputs[@]}" >"$log" 2>&1; then
                echo "fuzz: the merge of $target failed; Fuzz/grown/$target.tar.gz is unchanged (log $log)"
                tail -20 "$log"
                exit 1
            fi
            grep -E "MERGE-OUTER: [0-9]+ new files" "$log" || true
            if [ -z "$(ls -A "$merged/$target")" ]; then
                echo "fuzz: the merge of $target kept no input; Fuzz/grown/$target.tar.gz is unchanged"
                exit 1
            fi
            # The same bytes for the same inputs: names sorted, fixed modes, no times, owners or
            # gzip name; written beside the archive, then moved over it.
            mkdir -p Fuzz/grown
            tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner --mode='u+rw,go-w,a+rX' -C "$merged" -cf - "$target" |
                gzip -9n >"Fuzz/grown/$target.tar.gz.new"
            mv "Fuzz/grown/$target.tar.gz.new" "Fuzz/grown/$target.tar.gz"
            echo "$target: $(ls "$merged/$target" | wc -l) inputs, $(du -sk "$merged/$target" | cut -f1) KiB, Fuzz/grown/$target.tar.gz $(( $(stat -c %s "Fuzz/grown/$target.tar.gz") / 1024 )) KiB"
            rm -rf "$merged" "$work/grown/$target"
            trap - EXIT
        done
        ;;
    --replay)
        ensure_built
        status=0
        for target in $(targets); do
            inputs=()
            for folder in "Tests/FuzzCorpus/$target" "Fuzz/corpus/$target"; do
                [ -d "$folder" ] && inputs+=("$folder"/*)
            done
            [ "${#inputs[@]}" -gt 0 ] || continue
            mapfile -t flags < <(common_flags "$target")
            if "$bin/fuzz-$target" -runs=1 "${flags[@]}" "${inputs[@]}" >"$work/replay.log" 2>&1; then
                echo "$target: ${#inputs[@]} inputs, ok"
            else
                echo "$target: FAILED"; tail -30 "$work/replay.log"; status=1
            fi
        done
        exit "$status"
        ;;
    --smoke)
        seconds="${2:-4}"
        mkdir -p "$work"
        Fuzz/build.sh >"$work/build.log" 2>&1 || {
            code=$?
            cat "$work/build.log"
            exit "$code"
        }
        status=0
        for target in $(targets); do
            scratch="$(mktemp -d)"
            mapfile -t flags < <(common_flags "$target")
            start=$(date +%s.%N)
            if nice -n 10 "$bin/fuzz-$target" -max_total_time="$seconds" "${flags[@]}" -artifact_prefix="$scratch/" \
                "$scratch" "Fuzz/corpus/$target" >"$scratch/log" 2>&1; then
                printf 'fuzz smoke: %-9s %s\n' "$target" "$(grep -E '^stat::number_of_executed_units' "$scratch/log" | awk '{print $2}') runs, ok"
            else
                echo "fuzz smoke: $target FAILED"; grep -v "^#\|INFO:" "$scratch/log" | tail -40
                ls "$scratch"/crash-* "$scratch"/timeout-* "$scratch"/oom-* 2>/dev/null || true
                status=1
            fi
            rm -rf "$scratch"
        done
        exit "$status"
        ;;
    --all)
        ensure_built
        status=0
        for target in $(targets); do
            "$0" "$target" "${2:-60s}" || status=1
        done
        exit "$status"
        ;;
    *)
        ensure_built
        target="$1"
        limit="${2:-60s}"
        shift $(($# >= 2 ? 2 : 1))
        targets | grep -qx "$target" || { echo "fuzz: no target '$target' (Fuzz/run.sh --list)"; exit 2; }
        case "$limit" in
            *s) limit_flag=(-max_total_time="${limit%s}") ;;
            *m) limit_flag=(-max_total_time=$((${limit%m} * 60))) ;;
            *h) limit_flag=(-max_total_time=$((${limit%h} * 3600))) ;;
            *M) limit_flag=(-runs=$((${limit%M} * 1000000))) ;;
            *) limit_flag=(-runs="$limit") ;;
        esac
        mkdir -p "$work/corpus/$target" "$work/artifacts/$target" "$work/logs"
        log="$work/logs/$target-${sanitizers//,/-}-$(date +%Y%m%d-%H%M%S)-$$.log"
        mapfile -t flags < <(common_flags "$target")
        echo "fuzz: $target (${sanitizers}), ${limit}; log $log"
        seeds=()
        [ -d "Fuzz/corpus/$target" ] && seeds=("Fuzz/corpus/$target")
        grown="$(grown_corpus "$target")" || exit 2
        [ -n "$grown" ] && seeds+=("$grown")
        start=$(date +%s)
        result=ok
        nice -n 10 "$bin/fuzz-$target" "${limit_flag[@]}" "${flags[@]}" -artifact_prefix="$work/artifacts/$target/" "$@" \
            "$work/corpus/$target" "${seeds[@]}" >"$log" 2>&1 || result=finding
        seconds=$(($(date +%s) - start))
        stat() { grep -E "^stat::$1:" "$log" | awk '{print $2}'; }
        last="$(grep -E "^#[0-9]+" "$log" | tail -1)"
        cov="$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")"
        ft="$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")"
        corp="$(sed -n 's/.* corp: \([^ ]*\).*/\1/p' <<<"$last")"
        commands="$(sed -n 's/^fuzz: [0-9]* inputs run, \([0-9]*\) of them.*/\1/p' "$log")"
        # target, build, result, runs, runs/s, seconds, coverage edges, features, corpus, inputs through the commands, log
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$target" "${sanitizers}" "$result" "$(stat number_of_executed_units)" \
            "$(stat average_exec_per_sec)" "$seconds" "$cov" "$ft" "$corp" "$commands" "$log" >>"$work/runs.tsv"
        if [ "$result" != ok ]; then
            echo "fuzz: $target stopped with a finding:"
            grep -v "^#" "$log" | tail -40
            exit 1
        fi
        grep -E "^stat::(number|average)|DONE|inputs run" "$log"
        ;;
esac
