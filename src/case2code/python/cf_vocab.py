"""The generic values the fuzzer draws from when a function's own code says nothing more specific."""

BASE_INTS = [0, 1, 2, 3, 4, -1, -2, 5, 6, 7, 9, 10, 12, 15, 42, 100, -5, -10, 255, 1000]
BASE_STRS = ['', 'a', 'abc', 'hello', 'Hello World', 'racecar', '123', 'a,b,c', '  spaced  ', 'x1y2', 'AbC', 'test case',
             'python', 'aab', '0', 'The quick brown fox', '10.50', '1010', '-42', 'a1b2c3', 'Mississippi', 'x']
BASE_FLOATS = [0.0, 0.5, 1.5, -2.25, 3.14159, 10.0, 1e-3, -1.0, 2.0, 1.2e-05, -4.5e-07, 3.5e+16, 100.25, 0.25, 0.75, 0.9]
CALLABLES = ['lambda x: x', 'lambda x: x * 2', 'lambda x: x > 0', 'len', 'str', 'abs']
# Callables of two and three arguments (`function(value, element)`), by arity.
CALLABLES_OF = {2: ['lambda x, y: x + y', 'lambda x, y: x * y', 'max', 'min', 'lambda x, y: x - y'],
                3: ['lambda x, y, z: x + y + z', 'lambda x, y, z: (x, y, z)']}
WORDS = ['apple', 'banana', 'cat', 'dog', 'hello', 'world', 'foo', 'bar', 'a', 'b', 'x', 'one', 'two', 'test', 'the',
         'Python', 'data', 'abc', 'red', 'blue', 'Bob', 'Alice', 'key', 'value', 'id42', 'n1']
KEY_WORDS = ['name', 'id', 'color', 'size', 'count', 'key', 'value', 'mode', 'path', 'user', 'level', 'x', 'y', 'a', 'b',
             'alpha', 'beta', 'debug', 'timeout', 'items']
SMALL_INTS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 12, -1, -2]
# Strings of the character classes code branches on (case, digits, spaces, punctuation, non-ASCII),
# each one a caller could write: what a plain `str` parameter gets besides BASE_STRS.
PLAIN_STRS = ['Hello, World!', 'foo_bar', 'CamelCase', 'snake_case', 'UPPER', 'lower', 'Title Case', '  padded ',
              'tab\tsep', 'line1\nline2', '42', '-7', '3.14', 'café', 'a-b-c', 'x=1', 'path/to', 'e-mail',
              "don't", 'ÀÉÎ', '日本', 'A1', 'z', 'ab12CD', 'one, two', 'end.', '(paren)', '[1, 2]', '#tag', '$5.00',
              # Long enough for the length limits bodies truncate at (80, 100, 120 characters).
              'It was the best of times, it was the worst of times, it was the age of wisdom, it was the age of '
              'foolishness, it was the epoch of belief']
