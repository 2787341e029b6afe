# Function cases for the differential suite: every output is one case, named
# after the function it exercises. regen.go records what terraform plan gives
# for each (its value and type, Unknown, or the error), and
# analyzer/terraform/differential_test.go compares rampart with it. Keep one
# case per output; a case may span several lines.

locals {
  nums    = [3, 1, 2]
  strs    = ["b", "a", "c", "a"]
  obj     = { name = "web", port = 80, tags = { env = "prod" } }
  smap    = { a = "1", b = "2" }
  empty_l = []
  empty_m = {}
  secret    = sensitive("s3cr3t")
  minus_one = -1
}

# Numeric functions
output "abs_neg" { value = abs(-12.5) }
output "abs_zero" { value = abs(0) }
output "abs_big" { value = abs(-1e40) }
output "abs_string" { value = abs("-3") }
output "abs_error" { value = abs("x") }
output "ceil_frac" { value = ceil(1.0001) }
output "ceil_neg" { value = ceil(-1.5) }
output "ceil_int" { value = ceil(5) }
output "floor_frac" { value = floor(4.9) }
output "floor_neg" { value = floor(-4.1) }
output "log_e" { value = log(1, 10) }
output "log_base2" { value = log(16, 2) }
output "log_frac" { value = log(10, 3) }
output "max_list_expand" { value = max(local.nums...) }
output "max_mixed" { value = max(1, "20", 3) }
output "max_none" { value = max() }
output "min_neg" { value = min(-1, -5.5, 0) }
output "min_single" { value = min(7) }
output "parseint_hex" { value = parseint("FF", 16) }
output "parseint_bin" { value = parseint("-1010", 2) }
output "parseint_b36" { value = parseint("zz", 36) }
output "parseint_big" { value = parseint("123456789012345678901234567890", 10) }
output "parseint_bad_digit" { value = parseint("12", 2) }
output "parseint_bad_base" { value = parseint("1", 1) }
output "pow_frac" { value = pow(2, 0.5) }
output "pow_zero" { value = pow(0, 0) }
output "pow_neg_exp" { value = pow(2, -2) }
output "signum_pos" { value = signum(3.3) }
output "signum_zero" { value = signum(0) }
output "signum_neg" { value = signum(-0.1) }
output "num_precision" { value = 0.1 + 0.2 }
output "num_big_mul" { value = 12345678901234567890 * 10 }
output "num_div" { value = 10 / 3 }
output "num_mod" { value = -7 % 3 }
output "num_div_zero_cmp" { value = 1 / 0 > 1e308 }
output "num_neg_div_zero_cmp" { value = -1 / 0 < -1e308 }

# String functions
output "chomp_crlf" { value = chomp("hello\r\n") }
output "chomp_multi" { value = chomp("a\n\n\n") }
output "chomp_none" { value = chomp("a") }
output "endswith_yes" { value = endswith("hello world", "world") }
output "endswith_empty" { value = endswith("abc", "") }
output "endswith_unicode" { value = endswith("café", "é") }
output "format_basic" { value = format("Hello, %s!", "Ander") }
output "format_pad" { value = format("%-5s|%5s|%05d", "a", "b", 42) }
output "format_float" { value = format("%.2f %e %g", 3.14159, 1500, 0.5) }
output "format_v" { value = format("%v %v %v", "s", 1, true) }
output "format_v_list" { value = format("%v", [1, 2]) }
output "format_v_null" { value = format("%v", null) }
output "format_s_null" { value = format("%s", null) }
output "format_extra_null" { value = format("%s", "x", null) }
output "format_typed_null" { value = format("%v", tostring(null)) }
output "format_nested_null" { value = format("%v", { a = null }) }
output "format_null_length" { value = length(format("%v", null)) }
output "formatlist_null" { value = formatlist("%v", [null]) }
output "format_q" { value = format("%q", "a\"b") }
output "format_hex" { value = format("%x %X %o %b", 255, 255, 8, 5) }
output "format_t" { value = format("%t", true) }
output "format_percent" { value = format("100%%") }
output "format_index" { value = format("%[2]s %[1]s", "a", "b") }
output "format_json" { value = format("%#v", { a = 1 }) }
output "format_too_few" { value = format("%s %s", "a") }
output "format_bad_verb" { value = format("%d", "x") }
output "format_unicode_pad" { value = format("%3s|", "é") }
output "formatlist_zip" { value = formatlist("%s=%s", ["a", "b"], ["1", "2"]) }
output "formatlist_scalar" { value = formatlist("Hello, %s!", ["Valentina", "Ander"]) }
output "formatlist_mixed" { value = formatlist("%s-%s", "x", ["1", "2"]) }
output "formatlist_mismatch" { value = formatlist("%s%s", ["a"], ["b", "c"]) }
output "formatlist_empty" { value = formatlist("%s", []) }
output "indent_basic" { value = indent(2, "[\n  foo,\n  bar,\n]\n") }
output "indent_single" { value = indent(4, "x") }
output "join_basic" { value = join(", ", ["foo", "bar", "baz"]) }
output "join_multi" { value = join("-", ["a"], ["b", "c"]) }
output "join_empty" { value = join(",", []) }
output "join_null_elem" { value = join(",", ["a", null]) }
output "join_numbers" { value = join(",", [1, 2]) }
output "lower_unicode" { value = lower("ÀÉÎ HELLO") }
output "upper_unicode" { value = upper("straße àé") }
output "regex_match" { value = regex("[a-z]+", "53453453.345345aaabbbccc23454") }
output "regex_groups" { value = regex("(\\d\\d\\d\\d)-(\\d\\d)-(\\d\\d)", "2019-02-01") }
output "regex_named" { value = regex("^(?:(?P<scheme>[^:/?#]+):)?(?://(?P<authority>[^/?#]*))?", "https://terraform.io/docs/") }
output "regex_nomatch" { value = regex("z", "abc") }
output "regex_bad" { value = regex("(", "abc") }
output "regex_optional_group" { value = regex("(a)?(b)", "b") }
output "regexall_all" { value = regexall("[a-z]+", "1234abcd5678efgh9") }
output "regexall_none" { value = regexall("z", "abc") }
output "regexall_groups" { value = regexall("(\\w)=(\\d)", "a=1,b=2") }
output "regexall_named" { value = regexall("(?P<k>\\w)=(?P<v>\\d)", "a=1,b=2") }
output "replace_literal" { value = replace("1 + 2 + 3", "+", "-") }
output "replace_regex" { value = replace("hello world", "/w.*d/", "everybody") }
output "replace_regex_group" { value = replace("abc123", "/([a-z]+)(\\d+)/", "$2-$1") }
output "replace_regex_dollar_brace" { value = replace("abc", "/(b)/", "[$${1}]") }
output "replace_empty_search" { value = replace("abc", "", "-") }
output "replace_bad_regex" { value = replace("abc", "/(/", "x") }
output "split_basic" { value = split(",", "foo,bar,baz") }
output "split_none" { value = split(",", "foo") }
output "split_empty" { value = split(",", "") }
output "split_empty_sep" { value = split("", "abc") }
output "startswith_yes" { value = startswith("hello world", "hello") }
output "startswith_no" { value = startswith("hello world", "world") }
output "strcontains_yes" { value = strcontains("hello world", "wor") }
output "strcontains_no" { value = strcontains("hello world", "wod") }
output "strrev_ascii" { value = strrev("hello") }
output "strrev_combining" { value = strrev("e\u0301a") }
output "strrev_emoji" { value = strrev("a👍b") }
output "substr_basic" { value = substr("hello world", 1, 4) }
output "substr_neg_offset" { value = substr("hello world", -5, -1) }
output "substr_unicode" { value = substr("🤔🤷", 0, 1) }
output "substr_past_end" { value = substr("abc", 1, 100) }
output "substr_offset_past_end" { value = substr("abc", 5, 1) }
output "templatestring_basic" { value = templatestring(local.tmpl, { name = "x", n = 2 }) }
output "templatestring_number" { value = templatestring(local.tmpl_num, { n = 2 }) }
output "templatestring_bool" { value = templatestring(local.tmpl_num, { n = true }) }
output "templatestring_list" { value = templatestring(local.tmpl_for, { xs = ["a", "b"] }) }
output "templatestring_missing_var" { value = templatestring(local.tmpl, { name = "x" }) }
output "templatestring_literal_arg" { value = templatestring("x", {}) }
output "templatestring_wrapped_ref" { value = templatestring("${local.tmpl}", { name = "x", n = 1 }) }
output "templatestring_computed" { value = templatestring(upper(local.tmpl), { name = "x", n = 1 }) }
output "templatestring_conditional" { value = templatestring(true ? local.tmpl : "", { name = "x", n = 1 }) }
output "templatestring_index_ref" { value = templatestring(local.tmpls["greet"], { who = "y" }) }
output "templatestring_attr_ref" { value = templatestring(local.tmpls.greet, { who = "z" }) }
output "templatestring_list_result" { value = templatestring(local.tmpl_num, { n = [1] }) }
output "templatestring_sensitive" {
  value     = templatestring(local.tmpl_num, { n = local.secret })
  sensitive = true
}
output "templatestring_sensitive_check" { value = issensitive(templatestring(local.tmpl_num, { n = local.secret })) }
output "title_basic" { value = title("hello world") }
output "title_unicode" { value = title("émile zola") }
output "trim_basic" { value = trim("?!hello?!", "!?") }
output "trim_spaces" { value = trim("  hi  ", " ") }
output "trimprefix_yes" { value = trimprefix("helloworld", "hello") }
output "trimprefix_once" { value = trimprefix("aaa", "a") }
output "trimsuffix_yes" { value = trimsuffix("helloworld", "world") }
output "trimspace_all" { value = trimspace("  \t\n hello\n\n ") }
output "trimspace_nbsp" { value = trimspace("\u00a0x\u00a0") }

# Collection functions
output "alltrue_yes" { value = alltrue(["true", true]) }
output "alltrue_no" { value = alltrue([true, false]) }
output "alltrue_empty" { value = alltrue([]) }
output "alltrue_null" { value = alltrue([true, null]) }
output "anytrue_yes" { value = anytrue(["true", false]) }
output "anytrue_empty" { value = anytrue([]) }
output "anytrue_null" { value = anytrue([null, true]) }
output "chunklist_basic" { value = chunklist(["a", "b", "c", "d", "e"], 2) }
output "chunklist_zero" { value = chunklist(["a", "b"], 0) }
output "chunklist_empty" { value = chunklist([], 3) }
output "chunklist_neg" { value = chunklist(["a"], -1) }
output "coalesce_strings" { value = coalesce("", "b", "c") }
output "coalesce_numbers" { value = coalesce(null, 1, 2) }
output "coalesce_unify" { value = coalesce(1, "two") }
output "coalesce_all_empty" { value = coalesce("", null) }
output "coalesce_lists" { value = coalesce([], ["a"]) }
output "coalescelist_basic" { value = coalescelist(["a", "b"], ["c", "d"]) }
output "coalescelist_skip" { value = coalescelist([], ["c", "d"]) }
output "coalescelist_all_empty" { value = coalescelist([], []) }
output "compact_basic" { value = compact(["a", "", "b", null, "c"]) }
output "compact_empty" { value = compact([]) }
output "concat_basic" { value = concat(["a", ""], ["b", "c"]) }
output "concat_mixed_types" { value = concat([1], ["a"], [true]) }
output "concat_lists" { value = concat(tolist(["a"]), tolist(["b"])) }
output "concat_empty" { value = concat() }
output "contains_yes" { value = contains(["a", "b", "c"], "a") }
output "contains_no" { value = contains(["a", "b", "c"], "d") }
output "contains_number_string" { value = contains([1, 2], "1") }
output "contains_set" { value = contains(toset(["x"]), "x") }
output "distinct_basic" { value = distinct(["a", "b", "a", "c", "d", "b"]) }
output "distinct_mixed" { value = distinct([1, "1"]) }
output "element_basic" { value = element(["a", "b", "c"], 1) }
output "element_wrap" { value = element(["a", "b", "c"], 4) }
output "element_negative" { value = element(["a", "b", "c"], -1) }
output "element_empty" { value = element([], 0) }
output "element_fraction" { value = element(["a", "b"], 1.5) }
output "element_string_index" { value = element(["a", "b"], "1") }
output "element_negative_var" { value = element(local.strs, local.minus_one) }
output "flatten_nested" { value = flatten([["a", "b"], [], ["c"], [["d"]]]) }
output "flatten_objects" { value = flatten([[{ a = 1 }], [{ a = 2 }]]) }
output "flatten_empty" { value = flatten([]) }
output "flatten_scalars" { value = flatten(["a", ["b"]]) }
output "index_found" { value = index(["a", "b", "c"], "b") }
output "index_missing" { value = index(["a", "b", "c"], "z") }
output "index_number" { value = index([1, 2, 3], 3) }
output "keys_order" { value = keys({ b = 2, a = 1, c = 3 }) }
output "keys_map" { value = keys(tomap({ z = "1", y = "2" })) }
output "keys_empty" { value = keys({}) }
output "length_list" { value = length(["a", "b"]) }
output "length_map" { value = length({ a = "b" }) }
output "length_string_unicode" { value = length("👾🕹️") }
output "length_combining" { value = length("e\u0301") }
output "length_null" { value = length(null) }
output "length_number" { value = length(5) }
output "list_removed" { value = list("a") }
output "lookup_found" { value = lookup({ a = "ay", b = "bee" }, "a", "what?") }
output "lookup_default" { value = lookup({ a = "ay", b = "bee" }, "c", "what?") }
output "lookup_no_default" { value = lookup({ a = "ay" }, "a") }
output "lookup_missing_no_default" { value = lookup({ a = "ay" }, "c") }
output "lookup_object_mixed" { value = lookup({ a = 1, b = "x" }, "a", "d") }
output "lookup_null_default" { value = lookup({ a = "x" }, "b", null) }
output "map_removed" { value = map("a", "b") }
output "matchkeys_basic" { value = matchkeys(["i-123", "i-abc", "i-def"], ["us-west", "us-east", "us-east"], ["us-east"]) }
output "matchkeys_none" { value = matchkeys(["a"], ["x"], ["y"]) }
output "matchkeys_mismatch" { value = matchkeys(["a", "b"], ["x"], ["x"]) }
output "merge_maps" { value = merge({ a = "b", c = "d" }, { e = "f", c = "z" }) }
output "merge_objects" { value = merge({ a = "b" }, { e = 1, f = [1] }) }
output "merge_nested_override" { value = merge({ a = { x = 1 } }, { a = { y = 2 } }) }
output "merge_null" { value = merge({ a = 1 }, null) }
output "merge_empty" { value = merge() }
output "merge_map_typed" { value = merge(tomap({ a = "x" }), tomap({ b = "y" })) }
output "merge_not_map" { value = merge({ a = 1 }, ["x"]) }
output "one_single" { value = one(["hello"]) }
output "one_empty" { value = one([]) }
output "one_set" { value = one(toset(["x"])) }
output "one_many" { value = one(["a", "b"]) }
output "range_one" { value = range(3) }
output "range_two" { value = range(1, 4) }
output "range_step" { value = range(0, 1, 0.25) }
output "range_down" { value = range(4, 1) }
output "range_neg_step" { value = range(10, 5, -2) }
output "range_empty" { value = range(0) }
output "range_bad_step" { value = range(1, 2, 0) }
output "reverse_basic" { value = reverse([1, 2, 3]) }
output "reverse_tuple" { value = reverse(["a", 1]) }
output "reverse_set" { value = reverse(toset(["b", "a"])) }
output "setintersection_basic" { value = setintersection(["a", "b"], ["b", "c"], ["b", "d"]) }
output "setintersection_empty" { value = setintersection(["a"], ["b"]) }
output "setproduct_basic" { value = setproduct(["development", "staging"], ["app1", "app2"]) }
output "setproduct_empty" { value = setproduct(["a"], []) }
output "setproduct_sets" { value = setproduct(toset(["b", "a"]), toset([1])) }
output "setproduct_mixed_elems" { value = setproduct(["a", 1], [true]) }
output "setsubtract_basic" { value = setsubtract(["a", "b", "c"], ["a", "c"]) }
output "setsubtract_all" { value = setsubtract(["a"], ["a"]) }
output "setunion_basic" { value = setunion(["a", "b"], ["b", "c"], ["d"]) }
output "setunion_numbers" { value = setunion([10, 2], [1]) }
output "setunion_mixed" { value = setunion(["a"], [1]) }
output "slice_basic" { value = slice(["a", "b", "c", "d"], 1, 3) }
output "slice_empty" { value = slice(["a"], 1, 1) }
output "slice_bad" { value = slice(["a"], 0, 2) }
output "slice_reversed" { value = slice(["a", "b"], 2, 1) }
output "sort_strings" { value = sort(["e", "d", "a", "x"]) }
output "sort_numbers_lexical" { value = sort([10, 9, 100]) }
output "sort_unicode" { value = sort(["é", "e", "z", "Z"]) }
output "sort_null" { value = sort(["a", null]) }
output "sum_basic" { value = sum([10, 13, 6, 4.5]) }
output "sum_strings" { value = sum(["1", 2]) }
output "sum_empty" { value = sum([]) }
output "sum_set" { value = sum(toset([1, 1, 2])) }
output "transpose_basic" { value = transpose({ a = ["1", "2"], b = ["2", "3"] }) }
output "transpose_empty" { value = transpose({}) }
output "transpose_numbers" { value = transpose({ a = [1] }) }
output "values_order" { value = values({ b = "2", a = "1" }) }
output "values_map" { value = values(tomap({ b = 2, a = 1 })) }
output "zipmap_basic" { value = zipmap(["a", "b"], [1, 2]) }
output "zipmap_objects" { value = zipmap(["a", "b"], [1, "x"]) }
output "zipmap_dup_keys" { value = zipmap(["a", "a"], [1, 2]) }
output "zipmap_mismatch" { value = zipmap(["a"], [1, 2]) }
output "zipmap_empty" { value = zipmap([], []) }

# Encoding functions
output "base64decode_basic" { value = base64decode("SGVsbG8gV29ybGQ=") }
output "base64decode_unicode" { value = base64decode("w6k=") }
output "base64decode_invalid" { value = base64decode("!!!") }
output "base64decode_not_utf8" { value = base64decode("/w==") }
output "base64encode_basic" { value = base64encode("Hello World") }
output "base64encode_unicode" { value = base64encode("é✓") }
output "base64gzip_basic" { value = base64gzip("hello") }
output "base64gzip_empty" { value = base64gzip("") }
output "base64gzip_length" { value = length(base64decode(base64gzip("hello"))) }
output "csvdecode_basic" { value = csvdecode("a,b,c\n1,2,3\n4,5,6") }
output "csvdecode_quoted" { value = csvdecode("a,b\n\"x,y\",\"z\"\"q\"\n") }
output "csvdecode_header_only" { value = csvdecode("a,b\n") }
output "csvdecode_ragged" { value = csvdecode("a,b\n1\n") }
output "csvdecode_dup_header" { value = csvdecode("a,a\n1,2\n") }
output "jsondecode_object" { value = jsondecode("{\"hello\": \"world\", \"n\": [1, 2.5, null, true]}") }
output "jsondecode_scalar" { value = jsondecode("true") }
output "jsondecode_big" { value = jsondecode("123456789012345678901234567890") }
output "jsondecode_invalid" { value = jsondecode("{") }
output "jsondecode_unicode" { value = jsondecode("\"\\u00e9\"") }
output "jsonencode_object" { value = jsonencode({ hello = "world", n = [1, 2.5, null, true] }) }
output "jsonencode_html" { value = jsonencode("<a&b>") }
output "jsonencode_big" { value = jsonencode(12345678901234567890) }
output "jsonencode_float" { value = jsonencode(0.1) }
output "jsonencode_set" { value = jsonencode(toset(["b", "a"])) }
output "jsonencode_null" { value = jsonencode(null) }
output "jsonencode_unicode" { value = jsonencode("é\u2028") }
output "textdecodebase64_utf16" { value = textdecodebase64("SABlAGwAbABvAA==", "UTF-16LE") }
output "textdecodebase64_bad_encoding" { value = textdecodebase64("YQ==", "NOPE") }
output "textencodebase64_utf16" { value = textencodebase64("Hello", "UTF-16LE") }
output "textencodebase64_cp1252" { value = textencodebase64("é", "windows-1252") }
output "textencodebase64_unmappable" { value = textencodebase64("✓", "windows-1252") }
output "urlencode_basic" { value = urlencode("Hello World!") }
output "urlencode_unicode" { value = urlencode("☃ a/b?c=d&e") }
output "yamldecode_basic" { value = yamldecode("hello: world\nlist: [1, two, true]") }
output "yamldecode_multi_doc" { value = yamldecode("a: 1\n---\nb: 2") }
output "yamldecode_anchor" { value = yamldecode("a: &x [1]\nb: *x") }
output "yamldecode_bool_words" { value = yamldecode("[yes, no, on, off, true, 'yes']") }
output "yamldecode_null" { value = yamldecode("~") }
output "yamldecode_timestamp" { value = yamldecode("2024-01-02") }
output "yamldecode_invalid" { value = yamldecode("a: [") }
output "yamlencode_object" { value = yamlencode({ a = "b", c = "d" }) }
output "yamlencode_list" { value = yamlencode([{ a = "b" }, 1, true, null]) }
output "yamlencode_multiline" { value = yamlencode({ s = "line1\nline2" }) }
output "yamlencode_special" { value = yamlencode(["yes", "1", "", "a: b"]) }

# Filesystem functions
output "abspath_prefix" { value = startswith(abspath("hello.txt"), "/") }
output "abspath_suffix" { value = endswith(abspath("dir/../hello.txt"), "/hello.txt") }
output "dirname_basic" { value = dirname("foo/bar/baz.txt") }
output "dirname_trailing" { value = dirname("foo/bar/") }
output "dirname_none" { value = dirname("foo") }
output "dirname_root" { value = dirname("/") }
output "pathexpand_plain" { value = pathexpand("a/b") }
output "basename_basic" { value = basename("foo/bar/baz.txt") }
output "basename_trailing" { value = basename("foo/bar/") }
output "basename_empty" { value = basename("") }
output "file_basic" { value = file("hello.txt") }
output "file_unicode" { value = file("unicode.txt") }
output "file_path_module" { value = file("${path.module}/dir/a.txt") }
output "file_missing" { value = file("nope.txt") }
output "file_directory" { value = file("dir") }
output "filebase64_missing" { value = filebase64("nope.txt") }
output "filemd5_missing" { value = filemd5("nope.txt") }
output "filesha256_missing" { value = filesha256("nope.txt") }
output "filebase64sha256_missing" { value = filebase64sha256("nope.txt") }
output "templatefile_directory" { value = templatefile("dir", {}) }
output "fileexists_yes" { value = fileexists("hello.txt") }
output "fileexists_no" { value = fileexists("nope.txt") }
output "fileexists_dir" { value = fileexists("dir") }
output "fileset_txt" { value = fileset(path.module, "dir/*.txt") }
output "fileset_recursive" { value = fileset("dir", "**") }
output "fileset_braces" { value = fileset("dir", "**/*.{txt,json}") }
output "fileset_none" { value = fileset("dir", "*.nope") }
output "filebase64_basic" { value = filebase64("hello.txt") }
output "templatefile_loop" { value = templatefile("greeting.tftpl", { name = "World", items = ["a", "b"] }) }
output "templatefile_pair" { value = templatefile("pair.tftpl", { a = 1, b = true }) }
output "templatefile_cond" { value = templatefile("cond.tftpl", { x = false }) }
output "templatefile_func" { value = templatefile("len.tftpl", { xs = [1, 2, 3] }) }
output "templatefile_missing_var" { value = templatefile("undef.tftpl", {}) }
output "templatefile_missing_file" { value = templatefile("nope.tftpl", {}) }

# Date and time functions
output "formatdate_rfc" { value = formatdate("DD MMM YYYY hh:mm ZZZ", "2018-01-02T23:12:01Z") }
output "formatdate_full" { value = formatdate("EEEE, MMMM D, YY h:mm:ssAA", "2018-01-02T23:12:01-08:00") }
output "formatdate_literal" { value = formatdate("'Date:' YYYY-MM-DD", "2024-02-29T00:00:00Z") }
output "formatdate_invalid" { value = formatdate("YYYY", "2024-13-01T00:00:00Z") }
output "formatdate_offset" { value = formatdate("Z ZZZZ ZZZZZ", "2024-01-01T00:00:00+05:30") }
output "plantimestamp_length" { value = length(plantimestamp()) }
output "plantimestamp_valid" { value = can(formatdate("YYYY", plantimestamp())) }
output "timeadd_basic" { value = timeadd("2017-11-22T00:00:00Z", "10m") }
output "timeadd_negative" { value = timeadd("2017-11-22T00:00:00Z", "-1h30m") }
output "timeadd_offset" { value = timeadd("2017-11-22T00:00:00+01:00", "1.5h") }
output "timeadd_bad_duration" { value = timeadd("2017-11-22T00:00:00Z", "1d") }
output "timecmp_lt" { value = timecmp("2017-11-22T00:00:00Z", "2017-11-22T01:00:00Z") }
output "timecmp_eq_zones" { value = timecmp("2017-11-22T00:00:00Z", "2017-11-22T01:00:00+01:00") }
output "timecmp_gt" { value = timecmp("2018-01-01T00:00:00Z", "2017-11-22T00:00:00Z") }
output "timecmp_bad" { value = timecmp("nope", "2017-11-22T00:00:00Z") }
output "timestamp_unknown" { value = timestamp() }
output "timestamp_length" { value = length(timestamp()) }

# Hash and crypto functions
output "base64sha256_basic" { value = base64sha256("hello world") }
output "base64sha512_basic" { value = base64sha512("hello world") }
output "bcrypt_unknown" { value = bcrypt("hello") }
output "filebase64sha256_basic" { value = filebase64sha256("hello.txt") }
output "filebase64sha512_basic" { value = filebase64sha512("hello.txt") }
output "filemd5_basic" { value = filemd5("hello.txt") }
output "filesha1_basic" { value = filesha1("hello.txt") }
output "filesha256_unicode" { value = filesha256("unicode.txt") }
output "filesha512_basic" { value = filesha512("hello.txt") }
output "md5_basic" { value = md5("hello world") }
output "md5_unicode" { value = md5("é") }
output "rsadecrypt_basic" { value = rsadecrypt(file("cipher.b64"), file("key.pem")) }
output "rsadecrypt_bad_key" { value = rsadecrypt(file("cipher.b64"), "not a key") }
output "rsadecrypt_bad_ciphertext" { value = rsadecrypt("x", file("key.pem")) }
output "sha1_basic" { value = sha1("hello world") }
output "sha256_basic" { value = sha256("hello world") }
output "sha256_empty" { value = sha256("") }
output "sha512_basic" { value = sha512("hello world") }
output "uuid_unknown" { value = uuid() }
output "uuidv5_dns" { value = uuidv5("dns", "www.terraform.io") }
output "uuidv5_url" { value = uuidv5("url", "https://www.terraform.io/") }
output "uuidv5_custom" { value = uuidv5("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "x") }
output "uuidv5_bad_ns" { value = uuidv5("nope", "x") }

# IP network functions
output "cidrhost_basic" { value = cidrhost("10.12.112.0/20", 16) }
output "cidrhost_neg" { value = cidrhost("10.12.112.0/20", -2) }
output "cidrhost_v6" { value = cidrhost("fd00:fd12:3456:7890:00a2::/72", 34) }
output "cidrhost_too_big" { value = cidrhost("10.0.0.0/30", 5) }
output "cidrhost_leading_zero" { value = cidrhost("010.0.0.0/8", 1) }
output "cidrnetmask_basic" { value = cidrnetmask("172.16.0.0/12") }
output "cidrnetmask_32" { value = cidrnetmask("10.0.0.1/32") }
output "cidrnetmask_v6" { value = cidrnetmask("fd00::/64") }
output "cidrsubnet_basic" { value = cidrsubnet("172.16.0.0/12", 4, 2) }
output "cidrsubnet_v6" { value = cidrsubnet("fd00:fd12:3456:7890::/56", 16, 162) }
output "cidrsubnet_overflow" { value = cidrsubnet("10.0.0.0/30", 4, 0) }
output "cidrsubnet_num_too_big" { value = cidrsubnet("10.0.0.0/24", 2, 4) }
output "cidrsubnet_unaligned" { value = cidrsubnet("10.1.2.3/16", 8, 1) }
output "cidrsubnets_basic" { value = cidrsubnets("10.1.0.0/16", 4, 4, 8, 4) }
output "cidrsubnets_v6" { value = cidrsubnets("fd00:fd12:3456:7890::/56", 16, 16, 16, 32) }
output "cidrsubnets_none" { value = cidrsubnets("10.0.0.0/8") }
output "cidrsubnets_overflow" { value = cidrsubnets("10.0.0.0/30", 1, 1, 1) }
output "cidr_invalid" { value = cidrhost("not-a-cidr", 1) }

# Type conversion functions
output "can_true" { value = can(regex("^a", "abc")) }
output "can_false" { value = can(local.obj.missing) }
output "issensitive_yes" { value = issensitive(local.secret) }
output "issensitive_no" { value = issensitive("x") }
output "issensitive_derived" { value = issensitive(upper(local.secret)) }
output "nonsensitive_basic" { value = nonsensitive(local.secret) }
output "nonsensitive_plain" { value = nonsensitive("plain") }
output "nonsensitive_length" { value = nonsensitive(length(local.secret)) }
output "sensitive_value" {
  value     = sensitive("hidden")
  sensitive = true
}
output "sensitive_list" {
  value     = [local.secret, "open"]
  sensitive = true
}
output "sensitive_undeclared" { value = local.secret }
output "tobool_string" { value = tobool("true") }
output "tobool_null" { value = tobool(null) }
output "tobool_bad" { value = tobool("yes") }
output "tobool_number" { value = tobool(1) }
output "tolist_tuple" { value = tolist(["a", "b"]) }
output "tolist_unify" { value = tolist(["a", 1, true]) }
output "tolist_set" { value = tolist(toset(["b", "a"])) }
output "tolist_bad" { value = tolist(["a", ["b"]]) }
output "tolist_objects" { value = tolist([{ a = 1 }, { a = 2, b = 3 }]) }
output "tolist_objects_optional" { value = tolist([{ a = 1 }, { b = "x" }]) }
output "tomap_object" { value = tomap({ a = 1, b = "2" }) }
output "tomap_bad" { value = tomap({ a = [1], b = "x" }) }
output "tomap_nested" { value = tomap({ a = { x = 1 }, b = { x = 2 } }) }
output "tonumber_string" { value = tonumber("1.5e3") }
output "tonumber_bad" { value = tonumber("abc") }
output "tonumber_hex" { value = tonumber("0x10") }
output "tonumber_null" { value = tonumber(null) }
output "toset_dedup" { value = toset(["c", "b", "b", "a"]) }
output "toset_numbers_order" { value = toset([10, 2, 1.5, -1]) }
output "toset_mixed" { value = toset([1, "a"]) }
output "toset_bools" { value = toset([true, false, true]) }
output "tostring_number" { value = tostring(1.50) }
output "tostring_bool" { value = tostring(false) }
output "tostring_null" { value = tostring(null) }
output "tostring_list" { value = tostring(["a"]) }
output "try_first" { value = try(local.obj.name, "fallback") }
output "try_fallback" { value = try(local.obj.missing, "fallback") }
output "try_index" { value = try(local.nums[10], -1) }
output "try_types" { value = try(tonumber("x"), tostring("y")) }
output "try_all_fail" { value = try(local.obj.missing, local.obj.nope) }
output "type_console_only" { value = type("a") }
output "ephemeralasnull_plain" { value = ephemeralasnull("a") }

# Terraform built-in provider functions
output "encode_tfvars_basic" { value = provider::terraform::encode_tfvars({ a = "b", n = 1, l = [true] }) }
output "encode_tfvars_bad_key" { value = provider::terraform::encode_tfvars({ "a b" = 1 }) }
output "decode_tfvars_basic" { value = provider::terraform::decode_tfvars("a = \"b\"\nn = 1\n") }
output "decode_tfvars_bad" { value = provider::terraform::decode_tfvars("a = var.x") }
output "encode_expr_object" { value = provider::terraform::encode_expr({ a = [1, "x"], b = null }) }
output "encode_expr_string" { value = provider::terraform::encode_expr("a\n$${b}") }
output "core_prefix" { value = core::upper("x") }
output "unknown_function" { value = nosuchfunction(1) }

# Language: operators, conditionals, for expressions, splats, unification
output "cond_unify" { value = true ? 1 : "a" }
output "cond_unify_list" { value = false ? ["a"] : [] }
output "cond_null" { value = true ? null : "x" }
output "cond_bad_condition" { value = "x" ? 1 : 2 }
output "cond_mismatch" { value = true ? [1] : { a = 1 } }
output "for_list" { value = [for s in local.strs : upper(s)] }
output "for_map" { value = { for s in local.strs : s => s... } }
output "for_map_dup" { value = { for s in local.strs : s => s } }
output "for_filter" { value = [for n in local.nums : n * 2 if n > 1] }
output "for_object_keys" { value = [for k, v in local.obj : k] }
output "for_set" { value = [for s in toset(local.strs) : s] }
output "for_string_keys_sorted" { value = { for k, v in { b = 1, a = 2 } : "${k}x" => v } }
output "splat_list" { value = [{ a = 1 }, { a = 2 }][*].a }
output "splat_scalar" { value = local.obj[*].name }
output "splat_null" { value = null[*] }
output "index_string_key" { value = local.obj["name"] }
output "index_out_of_range" { value = local.nums[5] }
output "index_missing_attr" { value = local.obj.missing }
output "template_directive" { value = "%{for s in local.strs}${s};%{endfor}" }
output "template_strip" { value = "a %{~if true~} b %{~endif~} c" }
output "template_number" { value = "${1.0}-${0.5}-${1e3}" }
output "template_bool" { value = "${true}" }
output "template_list" { value = "${["a"]}" }
output "template_null" { value = "x${null}" }
output "heredoc_indent" {
  value = <<-EOT
    line one
      line two
    ${upper("x")}
    EOT
}
output "string_escape" { value = "tab\there \u00e9 $${literal} %%{literal}" }
output "compare_types" { value = 1 == "1" }
output "compare_lists" { value = [1, 2] == [1, 2] }
output "compare_list_tuple" { value = tolist(["a"]) == ["a"] }
output "logic_short" { value = false && null }
output "arith_string" { value = "2" * 3 }
output "arith_bad" { value = "x" + 1 }
output "neg_zero" { value = -0 }
output "big_exact" { value = 9007199254740993 }
output "unicode_key" { value = { "ключ" = "значение" } }
output "object_key_order" { value = { z = 1, a = 2, m = 3 } }
output "tuple_mixed" { value = [1, "a", true, null, [], {}] }
output "null_output" { value = null }
output "empty_collections" { value = [local.empty_l, local.empty_m] }

locals {
  tmpl     = "Hello $${name}, n=$${n}"
  tmpl_num = "$${n}"
  tmpl_for = "%%{for x in xs}[$${x}]%%{endfor}"
  tmpls    = { greet = "hi $${who}" }
}

# More edge cases: number rendering, conversions, unification
output "tostring_big" { value = tostring(1e21) }
output "tostring_third" { value = tostring(1 / 3) }
output "tostring_negative_exp" { value = tostring(1.5e-7) }
output "template_big_number" { value = "${12345678901234567890}" }
output "jsonencode_exp" { value = jsonencode([1e21, 1.5e-7, 1 / 3]) }
output "yamlencode_numbers" { value = yamlencode([1e21, 0.5, 100]) }
output "number_string_compare" { value = "10" == tostring(10) }
output "tonumber_exp_string" { value = tonumber("1e3") }
output "tonumber_spaces" { value = tonumber(" 1") }
output "floor_big" { value = floor(12345678901234567890.7) }
output "parseint_negative_hex" { value = parseint("-ff", 16) }
output "max_strings" { value = max("3", "12") }
output "cond_object_unify" { value = true ? { a = 1 } : { a = 2, b = 3 } }
output "cond_list_unify" { value = false ? ["a"] : [1] }
output "cond_map_object" { value = true ? tomap({ a = "x" }) : { b = "y" } }
output "for_object_values" { value = [for k, v in { b = "2", a = "1" } : "${k}${v}"] }
output "for_map_typed" { value = { for k, v in tomap({ b = 2, a = 1 }) : v => k } }
output "for_set_objects" { value = [for o in toset([{ n = 2 }, { n = 1 }]) : o.n] }
output "flatten_set" { value = flatten([toset(["b", "a"]), ["c"]]) }
output "setproduct_objects" { value = setproduct([{ a = 1 }], ["x", "y"]) }
output "merge_null_values" { value = merge({ a = null }, { b = 1 }) }
output "merge_override_null" { value = merge({ a = 1 }, { a = null }) }
output "tomap_null_values" { value = tomap({ a = null, b = "x" }) }
output "lookup_nested" { value = lookup({ a = { b = "c" } }, "a", {}) }
output "contains_objects" { value = contains([{ a = 1 }], { a = 1 }) }
output "index_objects" { value = index([{ a = 1 }, { a = 2 }], { a = 2 }) }
output "distinct_objects" { value = distinct([{ a = 1 }, { a = 1 }, { a = 2 }]) }
output "keys_object_unicode" { value = keys({ "é" = 1, "e" = 2, "z" = 3 }) }
output "values_nested" { value = values({ a = [1], b = [2, 3] }) }
output "zipmap_set_keys" { value = zipmap(tolist(toset(["b", "a"])), [1, 2]) }
output "slice_tuple" { value = slice([1, "a", true], 1, 3) }
output "concat_nested" { value = concat([[1]], [["a"]]) }
output "coalescelist_tuples" { value = coalescelist([], [1, "a"]) }
output "compact_numbers_error" { value = compact([1, ""]) }
output "join_set" { value = join(",", toset(["b", "a"])) }
output "split_unicode" { value = split("é", "aébéc") }
output "replace_unicode" { value = replace("héllo", "é", "e") }
output "regex_unicode_class" { value = regexall("\\p{L}+", "héllo wörld 123") }
output "substr_negative_length" { value = substr("hello", 1, -1) }
output "trimsuffix_unicode" { value = trimsuffix("café", "é") }
output "format_unicode_width" { value = format("%-4s|", "日本") }
output "format_number_verbs" { value = format("%d %f %.0f %e", 42, 1.5, 2.5, 123456) }
output "format_float_int" { value = format("%d", 1.5) }
output "formatlist_objects_error" { value = formatlist("%s", [{ a = 1 }]) }
output "csvdecode_unicode" { value = csvdecode("名前,値\nあ,1\n") }
output "jsondecode_duplicate_keys" { value = jsondecode("{\"a\": 1, \"a\": 2}") }
output "jsondecode_nested_types" { value = jsondecode("[{\"a\": [1, \"x\"]}, {\"a\": null}]") }
output "yamldecode_int_keys" { value = yamldecode("1: a\n2: b") }
output "yamldecode_float" { value = yamldecode("[1.0, 1e3, .5, 0x10, 0o17]") }
output "base64encode_empty" { value = base64encode("") }
output "urlencode_empty" { value = urlencode("") }
output "cidrhost_last" { value = cidrhost("10.0.0.0/24", -1) }
output "cidrsubnet_zero_bits" { value = cidrsubnet("10.0.0.0/24", 0, 0) }
output "cidrsubnets_mixed_sizes" { value = cidrsubnets("10.0.0.0/16", 8, 4, 8) }
output "timeadd_fraction" { value = timeadd("2024-01-01T00:00:00Z", "1.5s") }
output "timeadd_leap" { value = timeadd("2024-02-28T12:00:00Z", "24h") }
output "formatdate_escapes" { value = formatdate("HH:mm:ss 'o''clock' h A", "2024-01-01T13:05:09Z") }
output "timecmp_fraction" { value = timecmp("2024-01-01T00:00:00.5Z", "2024-01-01T00:00:00Z") }

# Unknown values: the output and id of a terraform_data are known only
# after apply, so these test how Unknown flows through functions.
resource "terraform_data" "u" {
  input = "arn:aws:s3:::bucket"
}

resource "terraform_data" "flag" {
  input = true
}

resource "terraform_data" "num" {
  input = 5
}

output "unknown_known_input" { value = terraform_data.u.input }
output "unknown_output" { value = terraform_data.u.output }
output "unknown_id" { value = terraform_data.u.id }
output "unknown_whole" { value = terraform_data.u }
output "unknown_length_of_tuple" { value = length([terraform_data.u.output]) }
output "unknown_length_of_value" { value = length(terraform_data.u.output) }
output "unknown_startswith_prefix" { value = startswith("arn:${terraform_data.u.output}", "arn:") }
output "unknown_startswith_other" { value = startswith("arn:${terraform_data.u.output}", "xyz") }
output "unknown_template_not_empty" { value = "${terraform_data.u.id}-x" != "" }
output "unknown_eq_null" { value = terraform_data.u.id == null }
output "unknown_coalesce" { value = coalesce(terraform_data.u.output, "x") }
output "unknown_try" { value = try(terraform_data.u.output, "x") }
output "unknown_can" { value = can(terraform_data.u.output) }
output "unknown_for_tuple" { value = [for x in [1, 2] : terraform_data.u.id] }
output "unknown_partial_object" { value = { a = terraform_data.u.id, b = 1 } }
output "unknown_concat" { value = concat([terraform_data.u.id], ["a"]) }
output "unknown_tolist" { value = tolist([terraform_data.u.id, "a"]) }
output "unknown_toset" { value = toset([terraform_data.u.id, "a"]) }
output "unknown_jsonencode" { value = jsonencode({ a = terraform_data.u.id }) }
output "unknown_upper" { value = upper(terraform_data.u.id) }
output "unknown_cond_condition" { value = terraform_data.u.id != null ? 1 : 2 }
output "unknown_cond_true_branch" { value = true ? terraform_data.u.id : "x" }
output "unknown_cond_false_branch" { value = false ? terraform_data.u.id : "x" }
output "unknown_lookup" { value = lookup({ a = terraform_data.u.id }, "a") }
output "unknown_keys" { value = keys({ a = terraform_data.u.id, b = 1 }) }
output "unknown_merge" { value = merge({ a = terraform_data.u.id }, { b = 1 }) }
output "unknown_element_known" { value = element([terraform_data.u.id, "b"], 1) }
output "unknown_contains" { value = contains([terraform_data.u.id], "a") }
output "unknown_issensitive" { value = issensitive(terraform_data.u.id) }
output "unknown_sum" { value = sum([1, terraform_data.num.output]) }
output "unknown_format" { value = format("%s-%d", terraform_data.u.id, 1) }
output "unknown_cidrsubnet" { value = cidrsubnet(terraform_data.u.id, 8, 1) }
output "unknown_templatestring" { value = templatestring(local.tmpl_num, { n = terraform_data.u.id }) }
output "unknown_one" { value = one([terraform_data.u.id]) }
output "unknown_alltrue_false" { value = alltrue([terraform_data.flag.output, false]) }
output "unknown_anytrue_true" { value = anytrue([terraform_data.flag.output, true]) }
output "unknown_flatten_length" { value = length(flatten([[terraform_data.u.id], ["a"]])) }
output "unknown_splat" { value = [terraform_data.u][*].id }
output "unknown_number_ops" { value = terraform_data.num.output + 1 }
output "unknown_and_false" { value = terraform_data.flag.output && false }
output "unknown_or_true" { value = terraform_data.flag.output || true }
output "unknown_length_map" { value = length({ a = terraform_data.u.id }) }
output "unknown_compact" { value = compact([terraform_data.u.id, ""]) }
output "unknown_distinct" { value = distinct([terraform_data.u.id, "a"]) }
output "unknown_index_string" { value = { a = 1 }[terraform_data.u.id] }
output "unknown_for_each_keys" { value = { for k in ["a", "b"] : k => terraform_data.u.id } }
output "unknown_timestamp_formatdate" { value = formatdate("YYYY", timestamp()) }
output "unknown_nonsensitive" { value = nonsensitive(terraform_data.u.id) }
output "unknown_sensitive" {
  value     = sensitive(terraform_data.u.id)
  sensitive = true
}
