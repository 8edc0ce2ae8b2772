using System.Collections.Generic;

namespace RayGen.Shell
{
    /// <summary>bash <c>[[ … ]]</c>, following parse.y's cond_expr/cond_term, including its error cases.</summary>
    internal sealed partial class ShellParser
    {
        private static readonly HashSet<string> UnaryTestOperators = new()
        {
            "-a", "-b", "-c", "-d", "-e", "-f", "-g", "-h", "-k", "-n", "-o", "-p", "-r", "-s", "-t", "-u", "-v", "-w", "-x", "-z",
            "-G", "-L", "-N", "-O", "-R", "-S",
        };

        private static readonly HashSet<string> BinaryTestOperators = new()
        {
            "=", "==", "!=", "=~", "-nt", "-ot", "-ef", "-eq", "-ne", "-lt", "-le", "-gt", "-ge",
        };

        private ShellCommand ParseConditional()
        {
            int start = _tok.Span.Start;
            _lexer.ConditionalMode = true;
            Advance();
            ShellConditionalExpression? expression = ParseConditionalOr();
            if (!_ctx.Failed)
            {
                if (IsReserved("]]"))
                {
                    _lexer.ConditionalMode = false;
                    Advance();
                }
                else if (_tok.Kind == ShellTokenKind.EndOfInput)
                {
                    Fail(ShellDiagnosticCode.MissingConditionalEnd, "unexpected EOF while looking for `]]'", "SC1072");
                }
                else
                {
                    Fail(ShellDiagnosticCode.ConditionalSyntax, "syntax error near unexpected token `" + TokenText(_tok) + "'", null);
                }
            }

            _lexer.ConditionalMode = false;
            return new ShellConditionalCommand(SpanFrom(start), expression, ParseTrailingRedirections());
        }

        private ShellConditionalExpression? ParseConditionalOr()
        {
            ShellConditionalExpression? left = ParseConditionalAnd();
            while (left != null && !_ctx.Failed && _tok.Kind == ShellTokenKind.OrIf)
            {
                var op = new ShellOperator(_tok.Kind, _tok.Span);
                Advance();
                ShellConditionalExpression? right = ParseConditionalAnd();
                if (right == null)
                {
                    return null;
                }

                left = new ShellConditionalLogical(new ShellSpan(left.Start, right.End), left, op, right);
            }

            return left;
        }

        private ShellConditionalExpression? ParseConditionalAnd()
        {
            ShellConditionalExpression? left = ParseConditionalTerm();
            while (left != null && !_ctx.Failed && _tok.Kind == ShellTokenKind.AndIf)
            {
                var op = new ShellOperator(_tok.Kind, _tok.Span);
                Advance();
                ShellConditionalExpression? right = ParseConditionalTerm();
                if (right == null)
                {
                    return null;
                }

                left = new ShellConditionalLogical(new ShellSpan(left.Start, right.End), left, op, right);
            }

            return left;
        }

        private ShellConditionalExpression? ParseConditionalTerm()
        {
            if (!_ctx.Enter(_tok.Span))
            {
                return null;
            }

            ShellConditionalExpression? term = ParseConditionalTermCore();
            _ctx.Exit();
            return term;
        }

        private ShellConditionalExpression? ParseConditionalTermCore()
        {
            SkipNewlines();
            int start = _tok.Span.Start;
            if (_tok.Kind == ShellTokenKind.EndOfInput)
            {
                ConditionalError(ShellDiagnosticCode.MissingConditionalEnd, string.Empty);
                return null;
            }

            if (IsReserved("]]"))
            {
                // bash rejects `[[ ]]`, `[[ ! ]]` and `[[ a && ]]` without printing anything (COND_ERROR).
                ConditionalError(ShellDiagnosticCode.ConditionalSyntax, "syntax error in conditional expression");
                return null;
            }

            if (_tok.Kind == ShellTokenKind.LeftParen)
            {
                Advance();
                ShellConditionalExpression? inner = ParseConditionalOr();
                if (inner == null || _ctx.Failed)
                {
                    return null;
                }

                if (_tok.Kind != ShellTokenKind.RightParen)
                {
                    ConditionalError(ShellDiagnosticCode.ConditionalSyntax, "unexpected token `" + TokenText(_tok) + "', expected `)'");
                    return null;
                }

                Advance();
                var group = new ShellConditionalGroup(SpanFrom(start), inner);
                SkipNewlines();
                return group;
            }

            if (IsReserved("!"))
            {
                Advance();
                ShellConditionalExpression? operand = ParseConditionalTerm();
                return operand == null ? null : new ShellConditionalNot(new ShellSpan(start, operand.End), operand);
            }

            if (_tok.Kind != ShellTokenKind.Word)
            {
                ConditionalError(ShellDiagnosticCode.ConditionalSyntax, "unexpected token `" + TokenText(_tok) + "' in conditional command");
                return null;
            }

            ShellWord first = _tok.Word!;
            string? firstText = ReservedCandidate;
            if (firstText != null && UnaryTestOperators.Contains(firstText))
            {
                Advance();
                if (_tok.Kind != ShellTokenKind.Word || IsReserved("]]"))
                {
                    ConditionalError(ShellDiagnosticCode.ConditionalSyntax, "unexpected argument `" + TokenText(_tok) + "' to conditional unary operator");
                    return null;
                }

                ShellWord operand = _tok.Word!;
                Advance();
                var unary = new ShellConditionalUnary(new ShellSpan(start, operand.End), first, operand);
                SkipNewlines();
                return unary;
            }

            Advance();
            string op;
            ShellSpan opSpan = _tok.Span;
            string? opText = ReservedCandidate;
            if (opText != null && BinaryTestOperators.Contains(opText))
            {
                op = opText;
                _lexer.NextWordFlavor = op == "=~" ? ShellWordFlavor.Regex : op is "=" or "==" or "!=" ? ShellWordFlavor.Pattern : ShellWordFlavor.Normal;
            }
            else if (_tok.Kind == ShellTokenKind.Less || _tok.Kind == ShellTokenKind.Great)
            {
                op = ShellToken.OperatorText(_tok.Kind);
            }
            else if (IsReserved("]]") || _tok.Kind is ShellTokenKind.AndIf or ShellTokenKind.OrIf or ShellTokenKind.RightParen)
            {
                // `[[ x ]]` means `[[ -n x ]]`.
                return new ShellConditionalWord(first);
            }
            else
            {
                ConditionalError(ShellDiagnosticCode.ConditionalSyntax, "unexpected token `" + TokenText(_tok) + "', conditional binary operator expected");
                return null;
            }

            Advance();
            if (_tok.Kind != ShellTokenKind.Word || IsReserved("]]"))
            {
                ConditionalError(ShellDiagnosticCode.ConditionalSyntax, "unexpected argument `" + TokenText(_tok) + "' to conditional binary operator");
                return null;
            }

            ShellWord right = _tok.Word!;
            Advance();
            var binary = new ShellConditionalBinary(new ShellSpan(start, right.End), first, op, opSpan, right);
            SkipNewlines();
            return binary;
        }

        /// <summary>At the end of input every conditional error is the missing <c>]]</c>.</summary>
        private void ConditionalError(ShellDiagnosticCode code, string message)
        {
            if (_tok.Kind == ShellTokenKind.EndOfInput)
            {
                Fail(ShellDiagnosticCode.MissingConditionalEnd, "unexpected EOF while looking for `]]'", "SC1072");
            }
            else
            {
                Fail(code, message, null);
            }
        }
    }
}
