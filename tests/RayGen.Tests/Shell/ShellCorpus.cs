using System.Collections.Generic;
using System.Linq;
using RayGen.Shell;
using Xunit;

namespace RayGen.Tests.Shell
{
    /// <summary>One snippet and whether the real shell rejects it (checked against bash/dash by <see cref="ShellAgreementTests"/>).</summary>
    public sealed record ShellCase(ShellDialectName Dialect, string Text, bool IsError);

    /// <summary>Public mirror of the internal dialect enum, so cases can be theory arguments.</summary>
    public enum ShellDialectName
    {
        Bash,
        Posix,
    }

    internal static class ShellCorpus
    {
        private const string Tail = "  && ulimit -n ${RAY_START_ULIMIT_OPEN_FILES:-65536}; ray start --head  --block  --num-cpus=1 ";

        public static ShellDialect ToDialect(this ShellDialectName name) => name == ShellDialectName.Bash ? ShellDialect.Bash : ShellDialect.Posix;

        /// <summary>KubeRay's final args for user text <paramref name="joined"/> (already wrapped in spaces).</summary>
        public static string KubeRay(string joined) => joined + Tail.Substring(1);

        private static readonly string[] ValidBash =
        {
            // words, quotes, escapes
            "echo hello",
            "echo 'a & b' && x",
            "echo \"a && b\" && x",
            "echo a\\&b && x",
            "echo \\# not a comment",
            "echo '#' \"#\" x#y",
            "echo 'multi\nline' && x",
            "echo \"a\nb\" && x",
            "echo $'a\\tb\\'c' && x",
            "echo $\"localized\"",
            "echo {a,b} } {",
            "echo if then fi done",
            "!true",

            // redirections
            "cmd &> log && x",
            "cmd &>> log && x",
            "cmd > out 2>&1 && x",
            "cmd >&2 && x",
            "cmd < in > out",
            "cmd <> file",
            "cmd >| file",
            "cmd <&0 3>&-",
            "exec 3< file 4> out",
            "exec > /tmp/log 2>&1",
            "a 2>&1 >&2 &>/dev/null <&0 3<>f >|g",
            "> file",
            "2> err cmd",
            "cat <<< \"here string\" && x",
            "cat <<<word",

            // background and lists
            "(cmd&)  && x",
            "(cmd &) && x",
            "{ cmd & } && x",
            "{ cmd; } &",
            "echo $(sleep 1 &) && x",
            "sleep 9 & wait",
            "x & # bg",
            "a & b & c &",
            "a; b; c",
            "a\n\n\nb",
            "a | b |& c",
            "a |\n b",
            "a &&\n b",
            "a ||\n\n b",
            "a \\\n && b",
            "a &\\\n& b",
            "echo a\\\nb",
            "",
            "   ",
            "\n\n",

            // comments
            "# only comment",
            "a # comment && b",
            "a#b && c",
            "echo http://h/#frag && x",
            "echo a # c\necho b",
            "echo $# ${#x} ${x#p} ${x##*/}",

            // here-documents
            "cat <<EOF && x",
            "cat <<EOF\nbody\nEOF\necho done",
            "cat <<-EOF\n\tbody\n\tEOF\n",
            "cat <<'EOF'\n$(not parsed\nEOF\n",
            "cat <<\"EOF\" <<E2\na\nEOF\nb\nE2\n",
            "cat <<EOF; echo next\nbody\nEOF",
            "cat <<EOF\nbody",
            "cat <<EOF1; cat <<EOF2\none\nEOF1\ntwo\nEOF2",
            "cat <<-'X'\n\t\tx\n\tX",
            "cat <<EOF\nEO\\\nF\nx",
            "cat <<\\EOF\n`\nEOF",
            "x=$(cat <<EOF\nhi\nEOF\n)",

            // if / loops
            "if true; then echo a; elif false; then echo b; else echo c; fi",
            "if true\nthen\n  echo a\nfi",
            "if true; then :; fi; if true; then :; fi",
            "if a; then b; fi &",
            "while true; do sleep 1; done",
            "until ray health-check; do sleep 1; done",
            "until false; do :; done > log &",
            "while read -r l; do echo \"$l\"; done < <(ls)",
            "for x in a b c; do echo $x; done",
            "for x; do echo; done",
            "for x do echo; done",
            "for x in; do :; done",
            "for f in *.txt\ndo\n  echo $f\ndone",
            "for x in a; { echo; }",
            "for ((i=0; i<3; i++)); do echo $i; done",
            "for ((;;)) do break; done",
            "for (\\\n(i=0; i<1; i++)); do :; done",
            "for ((a;$(b;c);c)) do :; done",
            "select x in a b; do break; done",

            // case
            "case $x in a|b) echo ab;; *) echo other;; esac",
            "case x in (a) ;; esac",
            "case x in esac",
            "case x in a) esac",
            "case x in a) echo;& b) echo;;& c) esac",
            "case x in\n  a)\n    echo a\n    ;;\nesac",
            "case a in *) ;; esac",
            "case a in (esac) ;; esac",

            // functions, groups, subshells
            "f() { echo; }",
            "f() ( echo )",
            "f ( ) { :; }",
            "function g { echo; }",
            "function h() { echo; }",
            "function f\n{ :; }",
            "f() { :; } > log",
            "f() {\n  local x=1\n  echo $x\n}\nf",
            "{ a; b; } 2>&1 | tee log",
            "{ echo; }",
            "{\necho\n}",
            "(\necho\n)",
            "( (x) &)",
            "coproc cat",
            "coproc { cat; }",
            "coproc NAME { cat; }",

            // pipelines prefixes
            "! true",
            "! ! true",
            "!",
            "! ;",
            "time sleep 1",
            "time -p ls | wc",
            "time;",
            "a && ! b",

            // [[ ]] and (( ))
            "[[ -f /etc/passwd && $x == y* ]]",
            "[[ $a =~ ^(a|b)+$ ]]",
            "[[ a =~ a||b ]]",
            "[[ a =~ ^(a b)$ ]]",
            "[[ a < b ]]",
            "[[ ( a ) ]]",
            "[[ (a) ]]",
            "[[ ! -z $x ]]",
            "[[ $x == @(a|b) ]]",
            "[[ a &&\n b ]]",
            "[[\n a ]]",
            "[[ -n \"$(echo x)\" ]]",
            "(( i++ ))",
            "(( x = (1 + 2) * 3 ))",
            "((echo hi) )",
            "(((a)))",
            "echo $(( 1 + 2 ))",
            "echo $((echo hi) )",
            "echo $((1))$((2))",
            "echo $((a) + (b))",
            "echo $((if) )",
            "echo $[1+2]",

            // assignments and arrays
            "A=b cmd",
            "A=b B=c",
            "x=1 if",
            "a=(x y z)",
            "a=(x\n y # comment\n z)",
            "a+=(x)",
            "declare -a a=(x y)",
            "local a=(b)",
            "a=(b) b=(c) cmd",
            "a[1]=x",
            "a[1]=(b)",
            "a=1; b=2\nc=3",
            "x[1 2]=3",
            "a[ b ]=1",
            "a[b] c",
            "declare a[ b",
            "echo a[ b",
            "a >& 2>&1",

            // expansions
            "echo ${a[@]} ${#a[@]} ${!a[@]}",
            "echo ${x:-default} ${x:=v} ${x:?err} ${x:+alt}",
            "echo ${x/a/b} ${x//a/b} ${x^^} ${x,,} ${x:1:2}",
            "echo ${x%%.*} ${x%.*} ${x#*.}",
            "echo ${x:-${y:-${z}}}",
            "echo \"${x:-\"a b\"}\"",
            "echo ${a:-{x}}",
            "echo ${a:-{x}y}",
            "echo ${a:-\n-{x}}",
            "echo \"${a:-'}'}\"",
            "echo ${a:-$(echo })}",
            "echo ${}",
            "echo ${a b}",
            "echo ${#}",
            "echo ${$} ${${a}} ${$(echo a)}",
            "echo $(( `if` ))",
            "echo $@ $* $? $$ $! $- $0 $1",
            "echo \"${a[0]}\" \"${a[*]}\"",
            "x=\"${y:-$(date)}\"",
            "echo `date`",
            "echo `echo \\`date\\``",
            "echo \"`date`\"",
            "echo $(echo $(echo nested))",
            "echo $(case x in a) echo;; esac)",
            "echo $( (subshell) )",
            "echo $()",
            "echo `if`",
            "echo \"`(`\"",
            "echo $(echo ')')",
            "echo \"$(echo \"nested \\\"q\\\"\")\"",
            "a=$(( 1 + $(echo 2) ))",
            "cat <(ls) >(wc)",
            "diff <(a) <(b)",
            "echo a > >(cat)",
            "echo a<(ls)",

            // KubeRay final args shapes
            KubeRay(" python app.py "),
            KubeRay(" (/home/ray/samples/script.sh &) "),
            KubeRay(" nohup x > /tmp/log 2>&1 & sleep 1 "),
            KubeRay(" pip install 'ray[serve]'  # serving extras "),
            KubeRay(" cat > /tmp/cfg.json <<'EOF'\n{\"mode\": \"prod\"}\nEOF "),
            KubeRay(" cat > /tmp/cfg.json <<'EOF'\n{\"mode\": \"prod\"}\nEOF\ntrue "),
            KubeRay(" script.sh \\\n "),
            KubeRay(" bash -c 'echo hi; echo there' "),
            KubeRay(" echo 123  456 "),
            KubeRay(" /bin/bash  -lc  -- "),
            "ulimit -n 65536; eval \"$KUBERAY_GEN_RAY_START_CMD\"",
            "ulimit -n 65536; $KUBERAY_GEN_RAY_START_CMD",
        };

        private static readonly string[] InvalidBash =
        {
            // an empty command before a control operator
            "cmd&  && ulimit -n 65536; ray start",
            "cmd &  && x",
            " script.sh\n  && ulimit",
            "x;  && ulimit",
            "a &\n&& b",
            "&& x",
            "; x",
            "& x",
            "a ; ;",
            "a & ;",
            "a && || b",
            "a | | b",
            "a ;;",
            "a ;&",
            "a\n;",
            "a && # comment",
            "x &&#c",
            "! &",
            "time &&",

            // trailing operators
            "x &&",
            "x ||",
            "x |",
            "x |&",

            // quotes and expansions
            "echo 'abc",
            "echo \"abc",
            "echo `abc",
            "echo $(abc",
            "echo ${abc",
            "echo $((1 + 2",
            "echo $[1",
            "echo $'abc",
            "echo \"$(a\"",
            "echo ${a:-$(b}",
            "echo $(if)",
            "echo $(a &&)",
            "cat <(ls",
            "cat <(if)",
            "echo @(a)",

            // parentheses, braces, keywords
            "(a",
            "a)",
            ")",
            "( )",
            "{ a",
            "{ a }",
            "{ }",
            "{a;}",
            "}",
            "{ a; } b",
            "if true; then a",
            "if true; then fi",
            "if then fi",
            "if; then a; fi",
            "if a; then b; fi c",
            "fi",
            "then",
            "while true; do a",
            "while true; a; done",
            "while do a; done",
            "done",
            "for x in a b; do a",
            "for x in a b; a; done",
            "for; do a; done",
            "for ((i=0; i<3; i++) do a; done",
            "for ((;)) do :; done",
            "for ((a;b)) do :; done",
            "for ((;;;)) do :; done",
            "echo $(( $(if) ))",
            "echo $((a) $(+ (b) $))",
            "echo ${${a:-1}",
            "[[ a =~ a&b ]]",
            "[[ a =~ && ]]",
            "a < 3>&-",
            "case x in a) b",
            "case x a) b;; esac",
            "case x in a b) ;; esac",
            "case x in (a ;; esac",
            "esac",
            "]]",
            "in",
            "a | ! b",
            "(( 1 + 2 )",

            // functions
            "f() echo",
            "f()",
            "function f echo",

            // arrays
            "echo a=(b)",
            "a=(b) cmd x=(y)",
            "a=(b",
            "a[",
            "a[ b",
            "x=1 a[ b",

            // [[ ]]
            "[[ a",
            "[[ ]]",
            "[[ a b ]]",
            "[[ -f ]]",
            "[[ a == ]]",
            "[[ ( a ]]",
            "[[ ! ]]",
            "[[ a && ]]",
            "[[ a\n ]]",
            "[[ a ; ]]",
            "[[ a == b c ]]",

            // redirections
            "a >",
            "a > ;",
            "a <<",
            "a <<\nb",
            "a 2>",
            "a >\nb",

            // KubeRay final args shapes
            KubeRay(" /home/ray/samples/ray_cluster_resources.sh& "),
            KubeRay(" nohup x > /tmp/log 2>&1 & "),
            KubeRay(" (x) & "),
            KubeRay(" pip install x; "),
            KubeRay(" a && "),
            KubeRay("    "),
            KubeRay(" pip install x\necho ok\n "),
            KubeRay(" echo 'unbalanced "),
            KubeRay(" if true; then x "),
            KubeRay(" x |& "),
        };

        private static readonly string[] ValidPosix =
        {
            "echo hi",
            "cmd &> log && x",
            "cmd&> log",
            "f() echo",
            "f_g() echo",
            "a | b",
            "x=$((1+2))",
            "case a in a) ;; esac",
            "for x do :; done",
            "[[ a",
            "]]",
            "echo $'a'",
            "cat <<EOF\nx\nEOF",
            "cat <<EOF && x",
            "(( x = 1 ))",
            "a && ! b",
            "echo `echo \\`ls\\``",
            "time ls",
            "a | time b",
            "echo $((echo hi) ))",
        };

        private static readonly string[] InvalidPosix =
        {
            "cmd& && x",
            "cat <<< x",
            "function f { echo; }",
            "a=(b)",
            "a |& b",
            "! ! a",
            "!",
            "! ;",
            "echo $((1)",
            "cat <(ls)",
            "case a in a);& b);; esac",
            "select x in a; do :; done",
            "for x in a; { :; }",
            "{ }",
            "if :; then fi",
            "x &;",
            "echo a; then",
            "echo `if`",
            "echo $((echo hi) )",
            "f-f() echo",
            "1() { :; }",
        };

        public static IReadOnlyList<ShellCase> All { get; } =
            ValidBash.Select(t => new ShellCase(ShellDialectName.Bash, t, false))
                .Concat(InvalidBash.Select(t => new ShellCase(ShellDialectName.Bash, t, true)))
                .Concat(ValidPosix.Select(t => new ShellCase(ShellDialectName.Posix, t, false)))
                .Concat(InvalidPosix.Select(t => new ShellCase(ShellDialectName.Posix, t, true)))
                .ToArray();

        public static TheoryData<ShellDialectName, string, bool> Theory()
        {
            var data = new TheoryData<ShellDialectName, string, bool>();
            foreach (ShellCase c in All)
            {
                data.Add(c.Dialect, c.Text, c.IsError);
            }

            return data;
        }
    }
}
