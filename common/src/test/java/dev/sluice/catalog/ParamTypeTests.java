package dev.sluice.catalog;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ParamTypeTests {

	@Test
	void labels_areTheCatalogSpelling() {
		assertThat(ParamType.values()).extracting(ParamType::label)
			.containsExactly("int", "long", "decimal", "text", "bool", "date", "timestamp", "uuid");
	}

	@ParameterizedTest
	@EnumSource(ParamType.class)
	void fromLabel_findsEachType(ParamType type) {
		assertThat(ParamType.fromLabel(type.label())).isSameAs(type);
	}

	@Test
	void fromLabel_unknownOrUppercase() {
		assertThat(ParamType.fromLabel("integer")).isNull();
		assertThat(ParamType.fromLabel("INT")).isNull();
	}

	// int

	@Test
	void int_acceptsIntegralNumbers() {
		assertThat(ParamType.INT.parse(20)).isEqualTo(20);
		assertThat(ParamType.INT.parse(20L)).isEqualTo(20);
		assertThat(ParamType.INT.parse(BigInteger.valueOf(-7))).isEqualTo(-7);
		assertThat(ParamType.INT.parse(new BigDecimal("2E+1"))).isEqualTo(20);
		assertThat(ParamType.INT.parse(0.0)).isEqualTo(0);
	}

	@Test
	void int_wholeDouble_accepted() {
		assertThat(ParamType.INT.parse(20.0)).isEqualTo(20);
		assertThat(ParamType.INT.parse(new BigDecimal("20.000"))).isEqualTo(20);
	}

	@Test
	void int_fraction_rejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> ParamType.INT.parse(20.5))
			.withMessage("must be an integer, not 20.5");
		assertThatIllegalArgumentException().isThrownBy(() -> ParamType.INT.parse(0.5))
			.withMessage("must be an integer, not 0.5");
	}

	@Test
	void int_rangeLimits() {
		assertThat(ParamType.INT.parse(Integer.MAX_VALUE)).isEqualTo(Integer.MAX_VALUE);
		assertThat(ParamType.INT.parse(Integer.MIN_VALUE)).isEqualTo(Integer.MIN_VALUE);
		assertThatIllegalArgumentException().isThrownBy(() -> ParamType.INT.parse(Integer.MAX_VALUE + 1L))
			.withMessage("must be between -2147483648 and 2147483647");
		assertThatIllegalArgumentException().isThrownBy(() -> ParamType.INT.parse(Integer.MIN_VALUE - 1L))
			.withMessage("must be between -2147483648 and 2147483647");
		assertThatIllegalArgumentException().isThrownBy(() -> ParamType.INT.parse(1e300))
			.withMessage("must be between -2147483648 and 2147483647");
	}

	@Test
	void int_nonNumbers_rejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> ParamType.INT.parse("20"))
			.withMessage("must be an integer");
		assertThatIllegalArgumentException().isThrownBy(() -> ParamType.INT.parse(true))
			.withMessage("must be an integer");
		assertThatIllegalArgumentException().isThrownBy(() -> ParamType.INT.parse(Double.NaN))
			.withMessage("must be an integer");
		assertThatIllegalArgumentException().isThrownBy(() -> ParamType.INT.parse(Double.POSITIVE_INFINITY))
			.withMessage("must be an integer");
	}

	@Test
	void int_wireFormIsTheNumber() {
		assertThat(ParamType.INT.toWire(20)).isEqualTo(20);
	}

	// long

	@Test
	void long_acceptsIntegralNumbers() {
		assertThat(ParamType.LONG.parse(42)).isEqualTo(42L);
		assertThat(ParamType.LONG.parse(42.0)).isEqualTo(42L);
		assertThat(ParamType.LONG.parse(BigInteger.valueOf(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
		assertThat(ParamType.LONG.parse(Long.MIN_VALUE)).isEqualTo(Long.MIN_VALUE);
	}

	@Test
	void long_rangeLimits() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ParamType.LONG.parse(BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE)))
			.withMessage("must be between -9223372036854775808 and 9223372036854775807");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ParamType.LONG.parse(BigInteger.valueOf(Long.MIN_VALUE).subtract(BigInteger.ONE)))
			.withMessage("must be between -9223372036854775808 and 9223372036854775807");
		// 2^63 as a double is just past Long.MAX_VALUE
		assertThatIllegalArgumentException().isThrownBy(() -> ParamType.LONG.parse(9.223372036854775807E18))
			.withMessage("must be between -9223372036854775808 and 9223372036854775807");
	}

	@Test
	void long_fractionAndNonNumbers_rejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> ParamType.LONG.parse(1.25))
			.withMessage("must be an integer, not 1.25");
		assertThatIllegalArgumentException().isThrownBy(() -> ParamType.LONG.parse("42"))
			.withMessage("must be an integer");
	}

	@Test
	void long_wireFormIsTheNumber() {
		assertThat(ParamType.LONG.toWire(42L)).isEqualTo(42L);
	}

	// decimal

	@Test
	void decimal_acceptsNumbersAndNumericStrings() {
		assertThat(ParamType.DECIMAL.parse(12)).isEqualTo(new BigDecimal("12"));
		assertThat(ParamType.DECIMAL.parse(12L)).isEqualTo(new BigDecimal("12"));
		assertThat(ParamType.DECIMAL.parse(BigInteger.TEN)).isEqualTo(BigDecimal.TEN);
		assertThat(ParamType.DECIMAL.parse(12.5)).isEqualTo(new BigDecimal("12.5"));
		assertThat(ParamType.DECIMAL.parse(0.1)).isEqualTo(new BigDecimal("0.1"));
		assertThat(ParamType.DECIMAL.parse(new BigDecimal("12.50"))).isEqualTo(new BigDecimal("12.50"));
		assertThat(ParamType.DECIMAL.parse(" 12.50 ")).isEqualTo(new BigDecimal("12.50"));
		assertThat(ParamType.DECIMAL.parse("-1e3")).isEqualTo(new BigDecimal("-1E+3"));
	}

	@Test
	void decimal_nonNumbers_rejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> ParamType.DECIMAL.parse("twelve"))
			.withMessage("must be a decimal number, e.g. 12.50");
		assertThatIllegalArgumentException().isThrownBy(() -> ParamType.DECIMAL.parse("NaN"))
			.withMessage("must be a decimal number, e.g. 12.50");
		assertThatIllegalArgumentException().isThrownBy(() -> ParamType.DECIMAL.parse(true))
			.withMessage("must be a decimal number, e.g. 12.50");
		assertThatIllegalArgumentException().isThrownBy(() -> ParamType.DECIMAL.parse(Double.NaN))
			.withMessage("must be a decimal number, e.g. 12.50");
	}

	@Test
	void decimal_wireFormIsPlainString() {
		assertThat(ParamType.DECIMAL.toWire(new BigDecimal("12.50"))).isEqualTo("12.50");
		assertThat(ParamType.DECIMAL.toWire(new BigDecimal("1E+3"))).isEqualTo("1000");
		assertThat(ParamType.DECIMAL.toWire(new BigDecimal("1E-7"))).isEqualTo("0.0000001");
		assertThat(ParamType.DECIMAL.toWire(ParamType.DECIMAL.parse(1e20))).isEqualTo("100000000000000000000");
	}

	// text

	@Test
	void text_acceptsStrings() {
		assertThat(ParamType.TEXT.parse("")).isEqualTo("");
		assertThat(ParamType.TEXT.parse(" shoes ")).isEqualTo(" shoes ");
		assertThat(ParamType.TEXT.toWire("shoes")).isEqualTo("shoes");
	}

	@Test
	void text_nonStrings_rejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> ParamType.TEXT.parse(12)).withMessage("must be a string");
		assertThatIllegalArgumentException().isThrownBy(() -> ParamType.TEXT.parse(false))
			.withMessage("must be a string");
	}

	// bool

	@Test
	void bool_acceptsBooleans() {
		assertThat(ParamType.BOOL.parse(true)).isEqualTo(true);
		assertThat(ParamType.BOOL.parse(false)).isEqualTo(false);
		assertThat(ParamType.BOOL.toWire(true)).isEqualTo(true);
	}

	@Test
	void bool_nonBooleans_rejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> ParamType.BOOL.parse("true"))
			.withMessage("must be true or false");
		assertThatIllegalArgumentException().isThrownBy(() -> ParamType.BOOL.parse(1))
			.withMessage("must be true or false");
	}

	// date

	@Test
	void date_acceptsIsoDate() {
		assertThat(ParamType.DATE.parse("2026-11-22")).isEqualTo(LocalDate.of(2026, 11, 22));
		assertThat(ParamType.DATE.toWire(LocalDate.of(2026, 1, 2))).isEqualTo("2026-01-02");
	}

	@ParameterizedTest
	@ValueSource(strings = { "2026-13-01", "2026-2-3", "22.11.2026", "2026-11-22T10:00:00Z", "" })
	void date_malformed_rejected(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> ParamType.DATE.parse(text))
			.withMessage("must be a date such as \"2026-11-22\", not \"" + text + "\"");
	}

	@Test
	void date_nonString_rejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> ParamType.DATE.parse(20261122))
			.withMessage("must be a date such as \"2026-11-22\"");
	}

	// timestamp

	@Test
	void timestamp_normalizedToUtc() {
		assertThat(ParamType.TIMESTAMP.parse("2026-11-22T12:00:00+02:00"))
			.isEqualTo(OffsetDateTime.of(2026, 11, 22, 10, 0, 0, 0, ZoneOffset.UTC));
	}

	@Test
	void timestamp_wireFormIsUtcInstant() {
		assertThat(ParamType.TIMESTAMP.toWire(ParamType.TIMESTAMP.parse("2026-11-22T12:00:00+02:00")))
			.isEqualTo("2026-11-22T10:00:00Z");
		assertThat(ParamType.TIMESTAMP.toWire(ParamType.TIMESTAMP.parse("2026-11-22T10:00:00.120Z")))
			.isEqualTo("2026-11-22T10:00:00.120Z");
		assertThat(ParamType.TIMESTAMP.toWire(ParamType.TIMESTAMP.parse("2026-11-22T00:30:00-01:00")))
			.isEqualTo("2026-11-22T01:30:00Z");
	}

	@Test
	void timestamp_withoutOffset_rejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> ParamType.TIMESTAMP.parse("2026-11-22T10:00:00"))
			.withMessage("must be an ISO-8601 timestamp with an offset, such as \"2026-11-22T10:00:00Z\", "
					+ "not \"2026-11-22T10:00:00\"");
		assertThatIllegalArgumentException().isThrownBy(() -> ParamType.TIMESTAMP.parse("2026-11-22"))
			.withMessage("must be an ISO-8601 timestamp with an offset, such as \"2026-11-22T10:00:00Z\", "
					+ "not \"2026-11-22\"");
	}

	@Test
	void timestamp_nonString_rejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> ParamType.TIMESTAMP.parse(1700000000000L))
			.withMessage("must be an ISO-8601 timestamp such as \"2026-11-22T10:00:00Z\"");
	}

	// uuid

	@Test
	void uuid_acceptsAnyCase_wireFormLowercase() {
		UUID expected = UUID.fromString("0b7f6a9e-2f3c-4c1e-9a57-3b9d2c4e8f10");

		Object parsed = ParamType.UUID.parse("0B7F6A9E-2F3C-4C1E-9A57-3B9D2C4E8F10");

		assertThat(parsed).isEqualTo(expected);
		assertThat(ParamType.UUID.toWire(parsed)).isEqualTo("0b7f6a9e-2f3c-4c1e-9a57-3b9d2c4e8f10");
	}

	@ParameterizedTest
	@ValueSource(strings = { "0b7f6a9e2f3c4c1e9a573b9d2c4e8f10", "1-2-3-4-5", "0b7f6a9e-2f3c-4c1e-9a57-3b9d2c4e8f1g",
			"{0b7f6a9e-2f3c-4c1e-9a57-3b9d2c4e8f10}", "" })
	void uuid_nonCanonical_rejected(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> ParamType.UUID.parse(text))
			.withMessage("must be a UUID such as \"0b7f6a9e-2f3c-4c1e-9a57-3b9d2c4e8f10\"");
	}

	@Test
	void uuid_nonString_rejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> ParamType.UUID.parse(42)).withMessage("must be a UUID");
	}

}
