/**
 * Instance queries: WQL as used by WS-Man enumeration filters (dialects
 * {@code http://schemas.dmtf.org/wbem/wsman/1/WQL} and {@code http://schemas.microsoft.com/wbem/wsman/1/WQL})
 * and CIM-XML ExecQuery, and a subset of CQL (DSP0202) sharing the same grammar.
 *
 * <p>Grammar (keywords and property names case-insensitive):
 * <pre>
 * query     := SELECT ( '*' | prop (',' prop)* ) FROM class [[AS] alias] [WHERE or] end
 * or        := and (OR and)*          and := not (AND not)*          not := NOT not | primary
 * primary   := '(' or ')' | operand op operand | operand [NOT] LIKE string
 *            | operand IS [NOT] NULL | [subject] ISA class
 * operand   := prop | string | number | TRUE | FALSE | NULL      prop := [class-or-alias '.'] name
 * </pre>
 * Strings take double or single quotes, with {@code \\}, {@code \"}, {@code \'} escapes or doubled quotes;
 * numbers are decimal (optionally signed, with fraction and exponent) or hexadecimal {@code 0x..}.
 *
 * <p>Evaluation ({@link org.xenwbem.cim.query.Query#matches}) is two-valued:
 * <ul>
 * <li>a predicate over an unset (null) property is false, except {@code IS NULL}; {@code NOT} simply
 *     negates, so {@code NOT (P = 1)} is true when P is null while {@code P <> 1} is not. As in WMI,
 *     {@code P = NULL} means {@code P IS NULL} and {@code P <> NULL} means {@code P IS NOT NULL};</li>
 * <li>strings compare case-insensitively (like WMI), for {@code =}/{@code <>} and for ordering;
 *     {@code LIKE} is case-insensitive too, with {@code %}, {@code _} and {@code [a-z]}/{@code [^x]} sets;</li>
 * <li>numbers compare numerically, integers and reals mixed; a number against a string compares
 *     numerically when the string is a number, otherwise the predicate is false;</li>
 * <li>booleans and references support only {@code =} and {@code <>}; a boolean matches the strings
 *     {@code 'true'}/{@code 'false'};</li>
 * <li>datetimes compare in time order against datetimes or strings in CIM datetime format
 *     (timestamps with timestamps, intervals with intervals; anything else is false);</li>
 * <li>on an array property every predicate, including {@code <>} and {@code NOT LIKE}, is true when
 *     ANY element satisfies it (an empty array satisfies nothing); "does not contain" is
 *     {@code NOT (P = v)};</li>
 * <li>{@code x ISA 'C'} tests the class of the instance itself ({@code __THIS}, the FROM class name
 *     or its alias, or no subject at all) or of the instance a reference property points to.</li>
 * </ul>
 * The CQL subset uses the same rules; CQL's regular-expression LIKE syntax and its functions are
 * not supported. Errors are {@link org.xenwbem.cim.query.QueryException}s carrying a column and a
 * {@link org.xenwbem.cim.query.QueryException.Reason}; input is bounded (64 KiB, 64 nesting levels).
 */
package org.xenwbem.cim.query;
