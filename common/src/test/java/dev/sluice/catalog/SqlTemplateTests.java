package dev.sluice.catalog;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SqlTemplateTests {

	@Test
	void namedParameter_becomesPlaceholder() {
		SqlTemplate sql = SqlTemplate.parse("select * from orders where customer_id = :customerId limit :limit");

		assertThat(sql.jdbcSql()).isEqualTo("select * from orders where customer_id = ? limit ?");
		assertThat(sql.parameterOrder()).containsExactly("customerId", "limit");
		assertThat(sql.sql()).isEqualTo("select * from orders where customer_id = :customerId limit :limit");
	}

	@Test
	void parameterName_holdsLettersDigitsAndUnderscores() {
		SqlTemplate sql = SqlTemplate.parse("select :_a1_b2,:c(:d)");

		assertThat(sql.jdbcSql()).isEqualTo("select ?,?(?)");
		assertThat(sql.parameterOrder()).containsExactly("_a1_b2", "c", "d");
	}

	@Test
	void parameterAtEndOfText() {
		SqlTemplate sql = SqlTemplate.parse("select 1 where x = :x");

		assertThat(sql.jdbcSql()).isEqualTo("select 1 where x = ?");
		assertThat(sql.parameterOrder()).containsExactly("x");
	}

	@Test
	void parameterUsedTwice_appearsTwiceInOrder() {
		SqlTemplate sql = SqlTemplate.parse("select * from t where a = :q or b = :other or c = :q");

		assertThat(sql.jdbcSql()).isEqualTo("select * from t where a = ? or b = ? or c = ?");
		assertThat(sql.parameterOrder()).containsExactly("q", "other", "q");
	}

	@Test
	void castOfParameter_keepsCast() {
		SqlTemplate sql = SqlTemplate.parse("select * from t where id = :id::bigint");

		assertThat(sql.jdbcSql()).isEqualTo("select * from t where id = ?::bigint");
		assertThat(sql.parameterOrder()).containsExactly("id");
	}

	@Test
	void castOfColumn_isNotParameter() {
		SqlTemplate sql = SqlTemplate.parse("select x::text, '1 day'::interval from t");

		assertThat(sql.jdbcSql()).isEqualTo("select x::text, '1 day'::interval from t");
		assertThat(sql.parameterOrder()).isEmpty();
	}

	@Test
	void stringLiteral_hidesColons() {
		SqlTemplate sql = SqlTemplate.parse("select 'a:b', ':x' from t where y = :y");

		assertThat(sql.jdbcSql()).isEqualTo("select 'a:b', ':x' from t where y = ?");
		assertThat(sql.parameterOrder()).containsExactly("y");
	}

	@Test
	void stringLiteral_withDoubledQuote_hidesColons() {
		SqlTemplate sql = SqlTemplate.parse("select 'it''s :x' from t where y = :y");

		assertThat(sql.jdbcSql()).isEqualTo("select 'it''s :x' from t where y = ?");
		assertThat(sql.parameterOrder()).containsExactly("y");
	}

	@Test
	void stringLiteral_backslashIsNotEscape() {
		// standard_conforming_strings: a backslash in a plain literal is an ordinary
		// character, so the literal ends at the next quote.
		SqlTemplate sql = SqlTemplate.parse("select 'C:\\' || :x");

		assertThat(sql.jdbcSql()).isEqualTo("select 'C:\\' || ?");
		assertThat(sql.parameterOrder()).containsExactly("x");
	}

	@Test
	void escapeStringLiteral_backslashQuote_hidesColons() {
		SqlTemplate sql = SqlTemplate.parse("select E'it\\'s :x', e'a\\\\' from t where y = :y");

		assertThat(sql.jdbcSql()).isEqualTo("select E'it\\'s :x', e'a\\\\' from t where y = ?");
		assertThat(sql.parameterOrder()).containsExactly("y");
	}

	@Test
	void escapeStringLiteral_doubledQuoteThenBackslashQuote_hidesColons() {
		// One literal; misread as E'it' followed by 's \', the :x after it would look
		// like
		// a parameter.
		SqlTemplate sql = SqlTemplate.parse("select E'it''s \\' :x' || :y");

		assertThat(sql.jdbcSql()).isEqualTo("select E'it''s \\' :x' || ?");
		assertThat(sql.parameterOrder()).containsExactly("y");
	}

	@Test
	void escapeStringLiteral_atStartOfText() {
		SqlTemplate sql = SqlTemplate.parse("E'\\':x' || :y");

		assertThat(sql.jdbcSql()).isEqualTo("E'\\':x' || ?");
		assertThat(sql.parameterOrder()).containsExactly("y");
	}

	@Test
	void identifierEndingInE_doesNotStartEscapeString() {
		// "somE'..." is not an E'' literal: the backslash is literal and the string ends
		// at the next quote.
		SqlTemplate sql = SqlTemplate.parse("select typE'\\' || :x");

		assertThat(sql.jdbcSql()).isEqualTo("select typE'\\' || ?");
		assertThat(sql.parameterOrder()).containsExactly("x");
	}

	@Test
	void dollarQuote_hidesColons() {
		SqlTemplate sql = SqlTemplate.parse("select $$ :x 'y' $$, :z");

		assertThat(sql.jdbcSql()).isEqualTo("select $$ :x 'y' $$, ?");
		assertThat(sql.parameterOrder()).containsExactly("z");
	}

	@Test
	void taggedDollarQuote_hidesColonsAndInnerDollarQuotes() {
		SqlTemplate sql = SqlTemplate.parse("select $tag$ :x $$ :y $tag$, :z");

		assertThat(sql.jdbcSql()).isEqualTo("select $tag$ :x $$ :y $tag$, ?");
		assertThat(sql.parameterOrder()).containsExactly("z");
	}

	@Test
	void positionalParameter_leftAlone() {
		SqlTemplate sql = SqlTemplate.parse("select $1, $2 where a = :a");

		assertThat(sql.jdbcSql()).isEqualTo("select $1, $2 where a = ?");
		assertThat(sql.parameterOrder()).containsExactly("a");
	}

	@Test
	void dollarInsideIdentifier_isNotQuote() {
		SqlTemplate sql = SqlTemplate.parse("select a$b$ from t where c = :c");

		assertThat(sql.jdbcSql()).isEqualTo("select a$b$ from t where c = ?");
		assertThat(sql.parameterOrder()).containsExactly("c");
	}

	@Test
	void quotedIdentifier_hidesColons() {
		SqlTemplate sql = SqlTemplate.parse("select \"quoted:ident\", \"a\"\":b\" from t where y = :y");

		assertThat(sql.jdbcSql()).isEqualTo("select \"quoted:ident\", \"a\"\":b\" from t where y = ?");
		assertThat(sql.parameterOrder()).containsExactly("y");
	}

	@Test
	void lineComment_hidesColonsUntilEndOfLine() {
		SqlTemplate sql = SqlTemplate.parse("select 1 -- where :x\nwhere y = :y -- :z");

		assertThat(sql.jdbcSql()).isEqualTo("select 1 -- where :x\nwhere y = ? -- :z");
		assertThat(sql.parameterOrder()).containsExactly("y");
	}

	@Test
	void blockComment_nested_hidesColons() {
		SqlTemplate sql = SqlTemplate.parse("select /* a /* :x */ :still_comment */ :y");

		assertThat(sql.jdbcSql()).isEqualTo("select /* a /* :x */ :still_comment */ ?");
		assertThat(sql.parameterOrder()).containsExactly("y");
	}

	@Test
	void arraySlice_isNotParameter() {
		SqlTemplate sql = SqlTemplate.parse("select a[1:2], b[3:4][5:6] from t where c = :c");

		assertThat(sql.jdbcSql()).isEqualTo("select a[1:2], b[3:4][5:6] from t where c = ?");
		assertThat(sql.parameterOrder()).containsExactly("c");
	}

	@Test
	void colonFollowedByDigitOrSpace_isNotParameter() {
		SqlTemplate sql = SqlTemplate.parse("select ':' , 1 : 2, x :1");

		assertThat(sql.jdbcSql()).isEqualTo("select ':' , 1 : 2, x :1");
		assertThat(sql.parameterOrder()).isEmpty();
	}

	@Test
	void unterminatedLiteral_hidesRestOfText() {
		SqlTemplate sql = SqlTemplate.parse("select 'open :x");

		assertThat(sql.jdbcSql()).isEqualTo("select 'open :x");
		assertThat(sql.parameterOrder()).isEmpty();
	}

	@Test
	void everythingTogether_jdbcSqlExact() {
		String text = """
				select id, 'a:b' as s, "col:x", $q$ :no $q$, arr[1:2], created_at::date
				from t -- :comment
				where id = :id::bigint /* :c1 /* :c2 */ */
				  and name = :name and (:name::text is null or other = E'x\\':y')
				""";

		SqlTemplate sql = SqlTemplate.parse(text);

		assertThat(sql.jdbcSql()).isEqualTo("""
				select id, 'a:b' as s, "col:x", $q$ :no $q$, arr[1:2], created_at::date
				from t -- :comment
				where id = ?::bigint /* :c1 /* :c2 */ */
				  and name = ? and (?::text is null or other = E'x\\':y')
				""");
		assertThat(sql.parameterOrder()).containsExactly("id", "name", "name");
	}

}
