/* test-content.c — the lenient `content` parser and BbhEvent's reading of it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "bbh-content-private.h"
#include "bbh-event-private.h"

static GHashTable *
parse_ok (const char *text)
{
  GHashTable *table = NULL;

  g_test_message ("parsing %s", text);
  g_assert_true (bbh_content_parse (text, -1, &table));
  g_assert_nonnull (table);
  return table;
}

static void
test_document_example (void)
{
  g_autoptr(GHashTable) t = parse_ok ("{status:0,talkTimes:10 }");

  g_assert_cmpuint (g_hash_table_size (t), ==, 2);
  g_assert_cmpstr (g_hash_table_lookup (t, "status"), ==, "0");
  g_assert_cmpstr (g_hash_table_lookup (t, "talkTimes"), ==, "10");
}

static void
test_quoting_variants (void)
{
  static const char * const variants[] = {
    "{\"status\":1,\"cdrId\":\"282982852097151\"}",
    "{'status':'1','cdrId':'282982852097151'}",
    "{status:\"1\", cdrId:282982852097151}",
    "  { status : 1 , cdrId : '282982852097151' , }  ",
    "{status:1,cdrId:282982852097151};",
    "{\n\tstatus: 1,\n\tcdrId: 282982852097151\n}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (variants); i++)
    {
      g_autoptr(GHashTable) t = parse_ok (variants[i]);

      g_assert_cmpstr (g_hash_table_lookup (t, "status"), ==, "1");
      g_assert_cmpstr (g_hash_table_lookup (t, "cdrId"), ==, "282982852097151");
    }
}

static void
test_escapes (void)
{
  g_autoptr(GHashTable) t = parse_ok ("{a:'it\\'s',b:\"say \\\"hi\\\"\",c:'\\u5f20\\u4e09',"
                                      "d:'\\ud83d\\ude00',e:'\\ud800x',f:'\\x41\\x00'}");

  g_assert_cmpstr (g_hash_table_lookup (t, "a"), ==, "it's");
  g_assert_cmpstr (g_hash_table_lookup (t, "b"), ==, "say \"hi\"");
  g_assert_cmpstr (g_hash_table_lookup (t, "c"), ==, "张三");
  g_assert_cmpstr (g_hash_table_lookup (t, "d"), ==, "😀");
  /* A lone surrogate and a NUL become U+FFFD: the result is always valid UTF-8 text. */
  g_assert_cmpstr (g_hash_table_lookup (t, "e"), ==, "\xEF\xBF\xBDx");
  g_assert_cmpstr (g_hash_table_lookup (t, "f"), ==, "A\xEF\xBF\xBD");
}

static void
test_nested_skipped (void)
{
  g_autoptr(GHashTable) t = parse_ok ("{status:2,extra:{a:{b:'}'},c:[1,{d:2}]},list:[],cdrId:7}");

  g_assert_cmpuint (g_hash_table_size (t), ==, 2);
  g_assert_cmpstr (g_hash_table_lookup (t, "status"), ==, "2");
  g_assert_cmpstr (g_hash_table_lookup (t, "cdrId"), ==, "7");
}

static void
test_null_and_words (void)
{
  g_autoptr(GHashTable) t = parse_ok ("{a:null,b:undefined,c:true,d:hello world,e:-1,a2:''}");

  g_assert_false (g_hash_table_contains (t, "a"));
  g_assert_false (g_hash_table_contains (t, "b"));
  g_assert_cmpstr (g_hash_table_lookup (t, "c"), ==, "true");
  g_assert_cmpstr (g_hash_table_lookup (t, "d"), ==, "hello world");
  g_assert_cmpstr (g_hash_table_lookup (t, "e"), ==, "-1");
  g_assert_cmpstr (g_hash_table_lookup (t, "a2"), ==, "");
}

static void
test_empty_object (void)
{
  g_autoptr(GHashTable) t = parse_ok ("{}");

  g_assert_cmpuint (g_hash_table_size (t), ==, 0);
}

static void
test_lookup_ignores_case (void)
{
  g_autoptr(GHashTable) t = parse_ok ("{CdrID:5,status:1}");

  g_assert_cmpstr (bbh_content_lookup (t, "cdrId"), ==, "5");
  g_assert_cmpstr (bbh_content_lookup (t, "status"), ==, "1");
  g_assert_null (bbh_content_lookup (t, "talkTimes"));
  g_assert_null (bbh_content_lookup (NULL, "status"));
}

static void
test_garbage (void)
{
  static const char * const garbage[] = {
    "", "   ", "status:0", "客户端拨号", "{", "}", "{status:0", "{status:0,", "{status}",
    "{status:}", "{:1}", "{status:0}}", "{status:0} trailing", "{a:'unterminated}",
    "{a:{b:1}", "{a:[1,2}", "{a:1 b:2}", "[1,2]", "{a:'x\\", "{a:'\\u12'}", "{a:b:c}",
    "{'a'1}", "null", "{a:1}\x01",
  };

  for (guint i = 0; i < G_N_ELEMENTS (garbage); i++)
    {
      GHashTable *t = NULL;

      g_test_message ("garbage %u: %s", i, garbage[i]);
      g_assert_false (bbh_content_parse (garbage[i], -1, &t));
      g_assert_null (t);
    }
}

static void
test_invalid_utf8_and_nul (void)
{
  GHashTable *t = NULL;
  static const char with_nul[] = "{a:1,\0b:2}";

  g_assert_false (bbh_content_parse ("{a:'\xff\xfe'}", -1, &t));
  g_assert_false (bbh_content_parse (with_nul, sizeof with_nul - 1, &t));
  g_assert_false (bbh_content_parse (NULL, -1, &t));
  g_assert_null (t);

  /* A length shorter than the string reads only that much. */
  g_assert_true (bbh_content_parse ("{a:1}garbage", 5, &t));
  g_assert_cmpstr (g_hash_table_lookup (t, "a"), ==, "1");
  g_hash_table_unref (t);
}

static void
test_deep_nesting (void)
{
  GString *s = g_string_new ("{status:1,deep:");
  GHashTable *t = NULL;

  /* Deeper than any stack would allow a recursive parser. */
  for (guint i = 0; i < 200000; i++)
    g_string_append_c (s, '[');
  for (guint i = 0; i < 200000; i++)
    g_string_append_c (s, ']');
  g_string_append (s, ",cdrId:3}");

  g_assert_true (bbh_content_parse (s->str, s->len, &t));
  g_assert_cmpstr (g_hash_table_lookup (t, "cdrId"), ==, "3");
  g_hash_table_unref (t);
  g_string_free (s, TRUE);
}

static void
test_event_from_content (void)
{
  g_autoptr(BbhEvent) ringing = bbh_event_new (2, "13800138000", "{status:0,cdrId:-1}", 1700000000123, 5);
  g_autoptr(BbhEvent) answered = bbh_event_new (2, "13800138000", "{'status':'1','cdrId':'7687658987667780097'}", 1, 6);
  g_autoptr(BbhEvent) hung2 = bbh_event_new (1, "13800138000", "{status:2,talkTimes:10 }", 1, 7);
  g_autoptr(BbhEvent) hung3 = bbh_event_new (2, "13800138000", "{\"status\":3,\"talkTimes\":\"65\"}", 1, 8);
  g_autoptr(BbhEvent) sms = bbh_event_new (4, "13800138000", "你好 {status:2", 1, 9);
  g_autoptr(BbhEvent) kind7 = bbh_event_new (7, "13800138000", NULL, 1, 10);
  g_autoptr(BbhEvent) kind6 = bbh_event_new (6, "13800138000", "", 1, 11);

  g_assert_cmpint (bbh_event_get_kind (ringing), ==, BBH_EVENT_KIND_INCOMING_CALL);
  g_assert_cmpint (bbh_event_get_status (ringing), ==, 0);
  g_assert_cmpint (bbh_event_get_cdr_id (ringing), ==, -1);
  g_assert_cmpint (bbh_event_get_time_ms (ringing), ==, G_GINT64_CONSTANT (1700000000123));
  g_assert_cmpint (bbh_event_get_watermark (ringing), ==, 5);
  g_assert_true (bbh_event_is_ringing (ringing));
  g_assert_false (bbh_event_is_answered (ringing));
  g_assert_false (bbh_event_is_hangup (ringing));

  /* Above 2^53, from a string. */
  g_assert_cmpint (bbh_event_get_cdr_id (answered), ==, G_GINT64_CONSTANT (7687658987667780097));
  g_assert_true (bbh_event_is_answered (answered));
  g_assert_false (bbh_event_is_hangup (answered));

  g_assert_true (bbh_event_is_hangup (hung2));
  g_assert_cmpint (bbh_event_get_talk_seconds (hung2), ==, 10);
  g_assert_true (bbh_event_is_hangup (hung3));
  g_assert_cmpint (bbh_event_get_talk_seconds (hung3), ==, 65);
  g_assert_false (bbh_event_is_ringing (hung3));

  /* Content that is not an object is still an event, status unknown. */
  g_assert_cmpint (bbh_event_get_status (sms), ==, -1);
  g_assert_cmpint (bbh_event_get_cdr_id (sms), ==, -1);
  g_assert_cmpstr (bbh_event_get_content (sms), ==, "你好 {status:2");
  g_assert_false (bbh_event_is_call (sms));
  g_assert_false (bbh_event_is_hangup (sms));

  g_assert_true (bbh_event_is_hangup (kind7));
  g_assert_cmpint (bbh_event_get_status (kind7), ==, -1);
  g_assert_true (bbh_event_is_answered (kind6));
}

static void
test_event_from_json (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(BbhEvent) a = NULL;
  g_autoptr(BbhEvent) b = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *array;
  int status = 0;
  gint64 cdr_id = 0;
  gint64 watermark = 0;
  g_autofree char *phone = NULL;

  json_parser_load_from_data (parser,
                              "[{\"kind\":\"2\",\"phone\":13800138000,\"content\":\"{status:1,cdrId:12}\","
                              "\"time\":\"1700000000123\",\"waterLine\":\"9007199254740993\"},"
                              "{\"kind\":1,\"content\":{\"status\":3,\"cdrId\":\"5\"},\"waterline\":4}]",
                              -1, &error);
  g_assert_no_error (error);
  array = json_node_get_array (json_parser_get_root (parser));

  a = bbh_event_new_from_json (json_array_get_object_element (array, 0));
  g_assert_cmpint (bbh_event_get_kind (a), ==, 2);
  g_assert_cmpstr (bbh_event_get_phone (a), ==, "13800138000");
  g_assert_cmpint (bbh_event_get_time_ms (a), ==, G_GINT64_CONSTANT (1700000000123));
  /* 2^53 + 1: exact, never through a double. */
  g_assert_cmpint (bbh_event_get_watermark (a), ==, G_GINT64_CONSTANT (9007199254740993));
  g_assert_cmpint (bbh_event_get_cdr_id (a), ==, 12);

  /* A content sent as a real object; no phone at all. */
  b = bbh_event_new_from_json (json_array_get_object_element (array, 1));
  g_assert_cmpstr (bbh_event_get_phone (b), ==, "");
  g_assert_cmpint (bbh_event_get_status (b), ==, 3);
  g_assert_cmpint (bbh_event_get_cdr_id (b), ==, 5);
  g_assert_cmpint (bbh_event_get_watermark (b), ==, 4);
  g_assert_true (bbh_event_is_hangup (b));

  /* Properties, for binding. */
  g_object_get (a, "status", &status, "cdr-id", &cdr_id, "watermark", &watermark, "phone", &phone, NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_cmpint (cdr_id, ==, 12);
  g_assert_cmpint (watermark, ==, G_GINT64_CONSTANT (9007199254740993));
  g_assert_cmpstr (phone, ==, "13800138000");
  g_assert_false (bbh_event_get_backlog (a));
  bbh_event_set_backlog (a, TRUE);
  g_assert_true (bbh_event_get_backlog (a));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/agent/content/document-example", test_document_example);
  g_test_add_func ("/agent/content/quoting", test_quoting_variants);
  g_test_add_func ("/agent/content/escapes", test_escapes);
  g_test_add_func ("/agent/content/nested", test_nested_skipped);
  g_test_add_func ("/agent/content/null-and-words", test_null_and_words);
  g_test_add_func ("/agent/content/empty", test_empty_object);
  g_test_add_func ("/agent/content/lookup-case", test_lookup_ignores_case);
  g_test_add_func ("/agent/content/garbage", test_garbage);
  g_test_add_func ("/agent/content/invalid-utf8", test_invalid_utf8_and_nul);
  g_test_add_func ("/agent/content/deep-nesting", test_deep_nesting);
  g_test_add_func ("/agent/event/from-content", test_event_from_content);
  g_test_add_func ("/agent/event/from-json", test_event_from_json);

  return g_test_run ();
}
