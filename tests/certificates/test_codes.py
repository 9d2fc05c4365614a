import math
import re

from hypothesis import given
from hypothesis import strategies as st

from certificates import codes
from certificates.codes import ALPHABET, BITS, generate_code, is_canonical, normalise_code


def test_a_code_has_the_printed_form_and_at_least_60_random_bits():
    code = generate_code()
    assert re.fullmatch(r"LK-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", code)
    assert is_canonical(code)
    assert len(ALPHABET) == 32 and BITS == 12 * math.log2(len(ALPHABET)) >= 60


def test_codes_avoid_letters_that_read_as_other_symbols():
    assert not set("ILOU") & set(ALPHABET)
    symbols = "".join(generate_code()[3:].replace("-", "") for _ in range(500))
    assert set(symbols) <= set(ALPHABET)
    assert len(set(symbols)) == 32  # every symbol turns up: the draw is not skewed to a few


def test_codes_come_from_the_secrets_module(monkeypatch):
    calls = []

    def choice(seq):
        calls.append(seq)
        return "7"

    monkeypatch.setattr(codes.secrets, "choice", choice)
    assert generate_code() == "LK-7777-7777-7777"
    assert len(calls) == 12


def test_codes_do_not_repeat():
    assert len({generate_code() for _ in range(5000)}) == 5000


def test_what_people_type_is_normalised():
    assert normalise_code("lk-7q4m-x2pd-9kta") == "LK-7Q4M-X2PD-9KTA"
    assert normalise_code(" 7Q4M X2PD 9KTA ") == "LK-7Q4M-X2PD-9KTA"
    assert normalise_code("LK7Q4MX2PD9KTA") == "LK-7Q4M-X2PD-9KTA"
    # O reads as zero, I and L as one.
    assert normalise_code("LK-O0I1-L000-0000") == "LK-0011-1000-0000"


def test_anything_else_is_not_a_code():
    for text in [
        "",
        "LK-",
        "LK-7Q4M-X2PD",
        "LK-7Q4M-X2PD-9KTA-AAAA",
        "LK-7Q4M-X2PD-9KTU",
        "<script>",
    ]:
        assert normalise_code(text) is None, text


@given(st.data())
def test_every_code_survives_retyping(data):
    code = generate_code()
    sloppy = data.draw(st.sampled_from([code.lower(), code.replace("-", " "), code[3:]]))
    assert normalise_code(sloppy) == code
