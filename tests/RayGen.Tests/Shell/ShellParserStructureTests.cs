using System.Diagnostics;
using System.Linq;
using System.Text;
using RayGen.Shell;
using Xunit;

namespace RayGen.Tests.Shell
{
    /// <summary>Exact offsets and tree shapes that the RAY rules rely on.</summary>
    public sealed class ShellParserStructureTests
    {
        private static ShellParseResult Parse(string text, ShellDialect dialect = ShellDialect.Bash) => ShellParser.Parse(text, dialect);

        private static ShellSimpleCommand Simple(ShellParseResult result, int index = 0) => result.SimpleCommands.ElementAt(index);

        [Fact]
        public void TrailingBackgroundAmpersand_IsTheLastTopLevelTerminator()
        {
            const string joined = " cmd&  ";
            ShellParseResult result = Parse(joined);
            Assert.False(result.HasErrors);
            ShellListItem last = result.Script.Body.Items.Last();
            Assert.True(last.IsBackground);
            Assert.Equal(new ShellSpan(4, 5), last.TerminatorSpan);
            Assert.Equal(4, result.BackgroundItems.Single().TerminatorSpan!.Value.Start);
        }

        [Fact]
        public void AmpersandFollowedByAndIf_IsAnEmptyCommandError()
        {
            const string text = " cmd&  " + " && ulimit -n ${RAY_START_ULIMIT_OPEN_FILES:-65536}; ray start --head ";
            ShellDiagnostic error = Parse(text).FirstError!;
            Assert.Equal(ShellDiagnosticCode.EmptyCommandBeforeOperator, error.Code);
            Assert.Equal(8, error.Offset);
            Assert.Equal(2, error.Length);
            Assert.Equal("syntax error near unexpected token `&&'", error.Message);
            Assert.Equal("SC1070", error.ShellCheckCode);
        }

        [Fact]
        public void NewlineBeforeAndIf_IsReportedAtTheOperator_WithSc1133()
        {
            const string text = " script.sh\n  && ulimit";
            ShellDiagnostic error = Parse(text).FirstError!;
            Assert.Equal(ShellDiagnosticCode.EmptyCommandBeforeOperator, error.Code);
            Assert.Equal(13, error.Offset);
            Assert.Equal("SC1133", error.ShellCheckCode);
        }

        [Theory]
        [InlineData("(x &)  ")]
        [InlineData("(x&)")]
        [InlineData("{ x & }")]
        [InlineData("echo $(x &)")]
        [InlineData("sleep 9 & wait")]
        [InlineData("x &> log")]
        [InlineData("x >&2")]
        [InlineData("x 2>&1")]
        [InlineData("echo 'a &'")]
        [InlineData("echo a\\&")]
        [InlineData("x && y")]
        public void NoTopLevelTrailingBackground(string text)
        {
            ShellParseResult result = Parse(text);
            Assert.False(result.HasErrors);
            Assert.False(result.Script.Body.Items.Last().IsBackground);
        }

        [Fact]
        public void NestedBackground_IsFoundInsideSubshellAndSubstitution()
        {
            ShellParseResult result = Parse("(x &) ; echo $(y &)");
            Assert.Equal(new[] { 3, 17 }, result.BackgroundItems.Select(i => i.TerminatorSpan!.Value.Start).ToArray());
        }

        [Fact]
        public void PosixAmpersandGreater_IsBackgroundThenRedirection()
        {
            ShellParseResult result = Parse("cmd &> log && x", ShellDialect.Posix);
            Assert.False(result.HasErrors);
            Assert.True(result.Script.Body.Items[0].IsBackground);
            Assert.Equal(new ShellSpan(4, 5), result.Script.Body.Items[0].TerminatorSpan);
            ShellRedirection redirection = Simple(result, 1).Redirections.Single();
            Assert.Equal(ShellRedirectionKind.Output, redirection.Kind);

            ShellRedirection bash = Simple(Parse("cmd &> log && x")).Redirections.Single();
            Assert.Equal(ShellRedirectionKind.OutputAndError, bash.Kind);
            Assert.Equal(new ShellSpan(4, 6), bash.Operator.Span);
        }

        [Fact]
        public void Comment_StartsAtHashAndRunsToEndOfLine()
        {
            ShellParseResult result = Parse("a # comment && b\nc");
            ShellComment comment = result.Comments.Single();
            Assert.Equal(2, comment.Start);
            Assert.Equal(16, comment.End);
            Assert.Equal("# comment && b", comment.Text);
            Assert.Equal(2, result.SimpleCommands.Count());
        }

        [Theory]
        [InlineData("a#b")]
        [InlineData("echo http://h/#frag")]
        [InlineData("echo $# ${#x} ${x#p}")]
        [InlineData("echo '#' \"#\"")]
        [InlineData("cat <<EOF\n# body\nEOF")]
        public void HashThatIsNotAtWordStart_IsNoComment(string text)
        {
            Assert.Empty(Parse(text).Comments);
        }

        [Fact]
        public void UnterminatedHereDocument_IsAWarningWithOperatorAndDelimiter()
        {
            const string text = " cat > /tmp/cfg.json <<'EOF'\n{}\nEOF  && ulimit -n 65536; ray start ";
            ShellParseResult result = Parse(text);
            Assert.False(result.HasErrors);
            ShellHereDocument doc = result.HereDocuments.Single();
            Assert.Equal(new ShellSpan(21, 23), doc.OperatorSpan);
            Assert.Equal("EOF", doc.Delimiter);
            Assert.True(doc.IsQuoted);
            Assert.False(doc.IsTerminated);
            Assert.Equal(new ShellSpan(29, text.Length), doc.BodySpan);
            ShellDiagnostic warning = result.Diagnostics.Single();
            Assert.Equal(ShellDiagnosticSeverity.Warning, warning.Severity);
            Assert.Equal(ShellDiagnosticCode.UnterminatedHereDocument, warning.Code);
            Assert.Equal("warning: here-document at line 1 delimited by end-of-file (wanted `EOF')", warning.Message);

            // Only the heredoc's own command remains; the "ulimit" line is body text.
            Assert.Single(result.SimpleCommands);
        }

        [Fact]
        public void HereDocumentWithoutNewline_LeavesTheRestOfTheLineAsCommands()
        {
            ShellParseResult result = Parse("cat <<EOF && x");
            Assert.False(result.HasErrors);
            Assert.False(result.HereDocuments.Single().IsTerminated);
            Assert.Equal(2, result.SimpleCommands.Count());
        }

        [Fact]
        public void SeveralHereDocumentsOnOneLine_ReadTheirBodiesInOrder()
        {
            const string text = "cat <<A <<-\"B\"; echo next\none\nA\n\ttwo\n\tB\necho after";
            ShellParseResult result = Parse(text);
            Assert.False(result.HasErrors);
            Assert.Equal(2, result.HereDocuments.Count);
            ShellHereDocument a = result.HereDocuments[0];
            ShellHereDocument b = result.HereDocuments[1];
            Assert.Equal("one\n", a.Body);
            Assert.False(a.IsQuoted);
            Assert.True(a.IsTerminated);
            Assert.Equal("two\n", b.Body);
            Assert.True(b.IsQuoted);
            Assert.True(b.StripTabs);
            Assert.Equal(new ShellSpan(8, 11), b.OperatorSpan);
            Assert.Equal("B", text.Substring(b.TerminatorSpan!.Value.Start, b.TerminatorSpan.Value.Length));
            Assert.Equal(new[] { "cat", "echo", "echo" }, result.SimpleCommands.Select(c => c.Name!.UnquotedLiteralValue).ToArray());
        }

        [Fact]
        public void HereString_IsARedirectionNotAHereDocument()
        {
            ShellParseResult result = Parse("cat <<< \"x\" && y");
            Assert.Empty(result.HereDocuments);
            Assert.Equal(ShellRedirectionKind.HereString, Simple(result).Redirections.Single().Kind);
        }

        [Fact]
        public void Words_KnowTheirLiteralValueAndQuoting()
        {
            ShellSimpleCommand command = Simple(Parse("'ray' st\"ar\"t --x=$HOME r\\ay"));
            ShellWord name = command.Name!;
            Assert.True(name.IsLiteral("ray"));
            Assert.False(name.IsUnquotedLiteral);
            Assert.Null(name.UnquotedLiteralValue);
            Assert.True(command.Words[1].IsLiteral("start"));
            Assert.False(command.Words[2].TryGetLiteralValue(out _));
            Assert.True(command.Words[2].HasUnquotedExpansion);
            Assert.True(command.Words[3].IsLiteral("ray"));
            Assert.Equal("ray", Simple(Parse("ray start")).Name!.UnquotedLiteralValue);
        }

        [Fact]
        public void ParameterExpansions_ReportNameOperatorOperandAndQuoting()
        {
            ShellParseResult result = Parse("ulimit -n ${RAY_START_ULIMIT_OPEN_FILES:-65536}; $KUBERAY_GEN_RAY_START_CMD; eval \"$KUBERAY_GEN_RAY_START_CMD\"");
            ShellParameterReference ulimit = Simple(result, 0).Words[2].GetParameterExpansions().Single();
            Assert.Equal("RAY_START_ULIMIT_OPEN_FILES", ulimit.Expansion.Name);
            Assert.True(ulimit.Expansion.IsBraced);
            Assert.Equal(":-", ulimit.Expansion.Operator);
            Assert.True(ulimit.Expansion.Operand!.IsLiteral("65536"));
            Assert.Equal(new ShellSpan(10, 47), ulimit.Expansion.Span);

            ShellParameterReference bare = Simple(result, 1).Name!.GetParameterExpansions().Single();
            Assert.Equal("KUBERAY_GEN_RAY_START_CMD", bare.Expansion.Name);
            Assert.False(bare.IsQuoted);
            Assert.Equal(49, bare.Expansion.Start);

            ShellParameterReference quoted = Simple(result, 2).Words[1].GetParameterExpansions().Single();
            Assert.True(quoted.IsQuoted);
        }

        [Fact]
        public void CommandSubstitution_HoldsAParsedScript()
        {
            ShellParseResult result = Parse("x=$(ray status; echo `date`)");
            ShellAssignment assignment = Simple(result).Assignments.Single();
            Assert.Equal("x", assignment.Name);
            var substitution = (ShellCommandSubstitutionPart)assignment.Value!.Parts.Single();
            Assert.Equal(new ShellSpan(2, 28), substitution.Span);
            Assert.Equal(new[] { "ray", "echo", "date" }, result.SimpleCommands.Skip(1).Select(c => c.Name!.UnquotedLiteralValue).ToArray());
        }

        [Fact]
        public void BackquotedSubstitution_MapsOffsetsThroughEscapes()
        {
            const string text = "echo `a \\`b\\` c`";
            ShellParseResult result = Parse(text);
            Assert.False(result.HasErrors);
            ShellSimpleCommand inner = result.SimpleCommands.Single(c => c.Name!.IsLiteral("b"));
            Assert.Equal("b", text.Substring(inner.Start, inner.Span.Length));
            ShellSimpleCommand middle = result.SimpleCommands.Single(c => c.Name!.IsLiteral("a"));
            Assert.Equal("c", text.Substring(middle.Words[2].Start, 1));
        }

        [Fact]
        public void ArithmeticExpansion_KeepsTextAndParsesInnerSubstitutions()
        {
            ShellParseResult result = Parse("echo $(( 1 + $(nproc) ))");
            var arithmetic = (ShellArithmeticExpansionPart)Simple(result).Words[1].Parts.Single();
            Assert.Equal(" 1 + $(nproc) ", arithmetic.Expression);
            Assert.Equal("nproc", result.SimpleCommands.Last().Name!.UnquotedLiteralValue);
        }

        [Fact]
        public void AssignmentsRedirectionsAndArrays()
        {
            ShellSimpleCommand command = Simple(Parse("A=b B+=c 2>&1 cmd arg >> log"));
            Assert.Equal(new[] { "A", "B" }, command.Assignments.Select(a => a.Name).ToArray());
            Assert.True(command.Assignments[1].IsAppend);
            Assert.True(command.Assignments[0].Value!.IsLiteral("b"));
            Assert.Equal(new ShellSpan(2, 3), command.Assignments[0].Value!.Span);
            ShellRedirection dup = command.Redirections[0];
            Assert.Equal(2, dup.FileDescriptor);
            Assert.Equal(ShellRedirectionKind.DuplicateOutput, dup.Kind);
            Assert.True(dup.Target.IsLiteral("1"));
            Assert.Equal(ShellRedirectionKind.Append, command.Redirections[1].Kind);
            Assert.Equal(new[] { "cmd", "arg" }, command.Words.Select(w => w.UnquotedLiteralValue).ToArray());

            ShellAssignment array = Simple(Parse("a=(x 'y z')")).Assignments.Single();
            Assert.Null(array.Value);
            Assert.Equal(2, array.ArrayElements!.Count);
        }

        [Fact]
        public void CompoundCommands_HaveTheirParts()
        {
            ShellParseResult result = Parse("if a; then b; elif c; then d; else e; fi; while f; do g; done; for x in 1 2; do h; done; case y in p|q) i;; esac; fn() { j; }; [[ -f k ]]; (( l ))");
            Assert.False(result.HasErrors);
            ShellCommand[] commands = result.Script.Body.Items.Select(i => i.Command.Pipelines[0].Commands[0]).ToArray();
            var ifCommand = Assert.IsType<ShellIfCommand>(commands[0]);
            Assert.Equal(2, ifCommand.Branches.Count);
            Assert.NotNull(ifCommand.ElseBody);
            Assert.IsType<ShellLoopCommand>(commands[1]);
            var forCommand = Assert.IsType<ShellForCommand>(commands[2]);
            Assert.Equal(2, forCommand.Items!.Count);
            var caseCommand = Assert.IsType<ShellCaseCommand>(commands[3]);
            Assert.Equal(2, caseCommand.Clauses.Single().Patterns.Count);
            Assert.Equal(ShellTokenKind.DoubleSemicolon, caseCommand.Clauses[0].Terminator!.Value.Kind);
            var function = Assert.IsType<ShellFunctionDefinition>(commands[4]);
            Assert.Equal("fn", function.Name);
            Assert.IsType<ShellBraceGroup>(function.Body);
            var conditional = Assert.IsType<ShellConditionalCommand>(commands[5]);
            Assert.IsType<ShellConditionalUnary>(conditional.Expression);
            Assert.Equal(" l ", Assert.IsType<ShellArithmeticCommand>(commands[6]).Expression);
        }

        [Fact]
        public void AndOrOperators_AreKeptWithOffsets()
        {
            ShellAndOrList list = Parse("a && b || ! c | d").Script.Body.Items.Single().Command;
            Assert.Equal(new[] { ShellTokenKind.AndIf, ShellTokenKind.OrIf }, list.Operators.Select(o => o.Kind).ToArray());
            Assert.Equal(new[] { 2, 7 }, list.Operators.Select(o => o.Span.Start).ToArray());
            ShellPipeline last = list.Pipelines[2];
            Assert.True(last.IsNegated);
            Assert.Equal(2, last.Commands.Count);
            Assert.Equal(14, last.PipeOperators.Single().Span.Start);
        }

        [Theory]
        [InlineData("echo 'abc", "UnterminatedQuote", 5)]
        [InlineData("echo \"abc", "UnterminatedQuote", 5)]
        [InlineData("echo $(abc", "UnterminatedExpansion", 5)]
        [InlineData("echo ${abc", "UnterminatedExpansion", 5)]
        [InlineData("if true; then x", "MissingFi", 15)]
        [InlineData("while x; do y", "MissingDone", 13)]
        [InlineData("case x in a) y", "MissingEsac", 14)]
        [InlineData("{ x", "MissingCloseBrace", 3)]
        [InlineData("(x", "MissingCloseParen", 2)]
        [InlineData("[[ a", "MissingConditionalEnd", 4)]
        [InlineData("x &&", "UnexpectedEndOfFile", 4)]
        [InlineData("x; fi", "UnexpectedToken", 3)]
        [InlineData("; x", "EmptyCommandBeforeOperator", 0)]
        [InlineData("[[ a b ]]", "ConditionalSyntax", 5)]
        public void Errors_HaveStableCodesAndOffsets(string text, string code, int offset)
        {
            ShellDiagnostic error = Parse(text).FirstError!;
            Assert.Equal(code, error.Code.ToString());
            Assert.Equal(offset, error.Offset);
        }

        [Fact]
        public void ErrorMessages_UseBashWording()
        {
            Assert.Equal("syntax error near unexpected token `fi'", Parse("fi").FirstError!.Message);
            Assert.Equal("syntax error: unexpected end of file", Parse("if a; then b").FirstError!.Message);
            Assert.Equal("unexpected EOF while looking for matching `''", Parse("echo 'x").FirstError!.Message);
            Assert.Equal("syntax error near unexpected token `newline'", Parse("a >").FirstError!.Message);
        }

        [Fact]
        public void BackquoteErrors_AreWarningsInBash_AndErrorsInPosix()
        {
            ShellParseResult bash = Parse("echo `if`");
            Assert.False(bash.HasErrors);
            Assert.Equal(ShellDiagnosticCode.DeferredSyntaxError, bash.Diagnostics.Single().Code);
            Assert.True(Parse("echo `if`", ShellDialect.Posix).HasErrors);
        }

        [Fact]
        public void PosixDialect_TreatsBashOnlySyntaxAsPlainWords()
        {
            ShellParseResult result = Parse("[[ a ]] ; function f", ShellDialect.Posix);
            Assert.False(result.HasErrors);
            Assert.Equal("[[", Simple(result).Name!.UnquotedLiteralValue);
            Assert.Equal("function", Simple(result, 1).Name!.UnquotedLiteralValue);
        }

        [Theory]
        [InlineData("", "(", 10000)]
        [InlineData("", "$(", 10000)]
        [InlineData("", "${a:-", 10000)]
        [InlineData("", "\"$(", 5000)]
        [InlineData("", "\"${a:-", 5000)]
        [InlineData("", "{ ", 10000)]
        [InlineData("", "if a; then ", 5000)]
        [InlineData("[[ ", "! ", 5000)]
        [InlineData("[[ ", "( ", 5000)]
        public void DeepNesting_StopsWithAnErrorInsteadOfOverflowingTheStack(string prefix, string opener, int count)
        {
            string text = prefix + string.Concat(Enumerable.Repeat(opener, count)) + "x";
            ShellParseResult result = Parse(text);
            Assert.True(result.HasErrors);
            Assert.Equal(ShellDiagnosticCode.NestingTooDeep, result.FirstError!.Code);
            Assert.NotEmpty(result.Script.DescendantsAndSelf());
        }

        [Fact]
        public void NestingWithinTheBudget_Parses()
        {
            string text = string.Concat(Enumerable.Repeat("( ", 40)) + "x" + string.Concat(Enumerable.Repeat(" )", 40));
            Assert.False(Parse(text).HasErrors);
        }

        [Theory]
        [InlineData("echo a; ")]
        [InlineData("x=$(( 1 + (2) )) ")]
        [InlineData("$(( ")]
        [InlineData("(( ")]
        [InlineData("cat <<E\n")]
        [InlineData("\"${a:-$(b)}\" ")]
        [InlineData("a[ ")]
        public void LargeInput_ParsesInRoughlyLinearTime(string unit)
        {
            var sb = new StringBuilder();
            while (sb.Length < 200_000)
            {
                sb.Append(unit);
            }

            var watch = Stopwatch.StartNew();
            Parse(sb.ToString());
            Assert.True(watch.ElapsedMilliseconds < 5000, "took " + watch.ElapsedMilliseconds + " ms");
        }
    }
}
