/* test-csv.c — AgentCsv: records, line numbers, UTF-8 and GBK, reading in a thread, writing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "agent-csv.h"

static AgentCsvTable *
parse (const char       *text,
       AgentCsvEncoding  encoding)
{
  return agent_csv_parse (text, strlen (text), encoding, NULL, NULL);
}

static void
assert_record (AgentCsvTable      *table,
               guint               index,
               guint               line,
               const char * const *fields)
{
  const AgentCsvRecord *record = agent_csv_table_get_record (table, index);

  g_assert_cmpuint (record->line, ==, line);
  g_assert_cmpstrv (record->fields, fields);
}

static void
test_plain (void)
{
  g_autoptr(AgentCsvTable) table = NULL;

  table = parse ("phone,key,memo\r\n13800138000,001,hello\r\n\r\n13900139000,,\n", AGENT_CSV_ENCODING_AUTO);
  g_assert_cmpint (agent_csv_table_get_encoding (table), ==, AGENT_CSV_ENCODING_UTF8);
  g_assert_cmpuint (agent_csv_table_get_n_records (table), ==, 3);
  g_assert_cmpuint (agent_csv_table_get_n_problems (table), ==, 0);
  assert_record (table, 0, 1, (const char *[]) { "phone", "key", "memo", NULL });
  assert_record (table, 1, 2, (const char *[]) { "13800138000", "001", "hello", NULL });
  /* the blank line 3 is skipped, not a record */
  assert_record (table, 2, 4, (const char *[]) { "13900139000", "", "", NULL });
}

static void
test_no_final_newline (void)
{
  g_autoptr(AgentCsvTable) table = parse ("a,b\nc,\"d\"", AGENT_CSV_ENCODING_UTF8);

  g_assert_cmpuint (agent_csv_table_get_n_records (table), ==, 2);
  assert_record (table, 1, 2, (const char *[]) { "c", "d", NULL });
}

static void
test_quotes (void)
{
  g_autoptr(AgentCsvTable) table = NULL;

  /* A quoted field with a comma, a doubled quote and a line break: the record after it
   * still knows its line. */
  table = parse ("\"1,2\",\"say \"\"hi\"\"\"\n\"two\nlines\",x\ny,z\n", AGENT_CSV_ENCODING_UTF8);
  g_assert_cmpuint (agent_csv_table_get_n_records (table), ==, 3);
  assert_record (table, 0, 1, (const char *[]) { "1,2", "say \"hi\"", NULL });
  assert_record (table, 1, 2, (const char *[]) { "two\nlines", "x", NULL });
  assert_record (table, 2, 4, (const char *[]) { "y", "z", NULL });
}

static void
test_unclosed_quote (void)
{
  g_autoptr(AgentCsvTable) table = NULL;
  g_autofree char *report = NULL;

  table = parse ("13800138000\n\"13900139000\n13700137000\n13600136000\n", AGENT_CSV_ENCODING_UTF8);
  /* line 2 opens a quote that never closes; the lines after it are read again */
  g_assert_cmpuint (agent_csv_table_get_n_problems (table), ==, 1);
  g_assert_cmpuint (agent_csv_table_get_problem (table, 0)->line, ==, 2);
  g_assert_cmpuint (agent_csv_table_get_n_records (table), ==, 3);
  assert_record (table, 1, 3, (const char *[]) { "13700137000", NULL });
  assert_record (table, 2, 4, (const char *[]) { "13600136000", NULL });

  report = agent_csv_table_describe_problems (table, 0);
  g_assert_true (g_str_has_prefix (report, "Line 2: "));
}

static void
test_bom (void)
{
  g_autoptr(AgentCsvTable) table = parse ("\xEF\xBB\xBF" "电话,备注\n13800138000,张三\n", AGENT_CSV_ENCODING_AUTO);

  g_assert_cmpint (agent_csv_table_get_encoding (table), ==, AGENT_CSV_ENCODING_UTF8);
  assert_record (table, 0, 1, (const char *[]) { "电话", "备注", NULL });
  assert_record (table, 1, 2, (const char *[]) { "13800138000", "张三", NULL });
}

static char *
to_gbk (const char *utf8,
        gsize      *length)
{
  g_autoptr(GError) error = NULL;
  char *gbk = g_convert (utf8, -1, "GBK", "UTF-8", NULL, length, &error);

  g_assert_no_error (error);
  return gbk;
}

static void
test_gbk (void)
{
  const char *text = "电话,姓名,备注\r\n13800138000,张三,\"老客户,重要\"\r\n13900139000,李四,回访\r\n";
  g_autofree char *gbk = NULL;
  gsize length = 0;

  gbk = to_gbk (text, &length);
  g_assert_false (g_utf8_validate_len (gbk, length, NULL));

  /* guessed and named: the same records in UTF-8 */
  for (guint pass = 0; pass < 2; pass++)
    {
      g_autoptr(AgentCsvTable) table =
        agent_csv_parse (gbk, length, pass == 0 ? AGENT_CSV_ENCODING_AUTO : AGENT_CSV_ENCODING_GBK,
                         NULL, NULL);

      g_assert_cmpint (agent_csv_table_get_encoding (table), ==, AGENT_CSV_ENCODING_GBK);
      g_assert_cmpuint (agent_csv_table_get_n_problems (table), ==, 0);
      g_assert_cmpuint (agent_csv_table_get_n_records (table), ==, 3);
      assert_record (table, 0, 1, (const char *[]) { "电话", "姓名", "备注", NULL });
      assert_record (table, 1, 2, (const char *[]) { "13800138000", "张三", "老客户,重要", NULL });
      assert_record (table, 2, 3, (const char *[]) { "13900139000", "李四", "回访", NULL });
    }
}

static void
test_bad_bytes (void)
{
  g_autoptr(AgentCsvTable) utf8 = NULL;
  g_autoptr(AgentCsvTable) gbk = NULL;
  /* line 2 is not UTF-8; in GBK, 0x81 0x20 is not a character either */
  const char text[] = "13800138000,ok\n13900139000,\x81\x20" "bad\n13700137000,好\n";
  const char gbk_text[] = "1,\x81\x20\n2,\xC4\xE3\n";

  utf8 = agent_csv_parse (text, sizeof text - 1, AGENT_CSV_ENCODING_UTF8, NULL, NULL);
  g_assert_cmpuint (agent_csv_table_get_n_records (utf8), ==, 2);
  g_assert_cmpuint (agent_csv_table_get_n_problems (utf8), ==, 1);
  g_assert_cmpuint (agent_csv_table_get_problem (utf8, 0)->line, ==, 2);
  assert_record (utf8, 1, 3, (const char *[]) { "13700137000", "好", NULL });

  gbk = agent_csv_parse (gbk_text, sizeof gbk_text - 1, AGENT_CSV_ENCODING_GBK, NULL, NULL);
  g_assert_cmpuint (agent_csv_table_get_n_problems (gbk), ==, 1);
  g_assert_cmpuint (agent_csv_table_get_problem (gbk, 0)->line, ==, 1);
  g_assert_cmpuint (agent_csv_table_get_n_records (gbk), ==, 1);
  assert_record (gbk, 0, 2, (const char *[]) { "2", "你", NULL });
}

static void
test_problems_sorted (void)
{
  g_autoptr(AgentCsvTable) table = parse ("a\nb\nc\nd\n", AGENT_CSV_ENCODING_UTF8);
  g_autofree char *report = NULL;

  agent_csv_table_add_problem (table, 4, "four");
  agent_csv_table_add_problem (table, 2, "two");
  agent_csv_table_add_problem (table, 3, "three");
  g_assert_cmpuint (agent_csv_table_get_problem (table, 0)->line, ==, 2);
  g_assert_cmpuint (agent_csv_table_get_problem (table, 2)->line, ==, 4);

  report = agent_csv_table_describe_problems (table, 2);
  g_assert_cmpstr (report, ==, "Line 2: two\nLine 3: three\n…and 1 more line");
}

static void
test_write_round_trip (void)
{
  const char *rows[][4] = {
    { "13800138000", "plain", "张三", NULL },
    { "with,comma", "with \"quote\"", "two\nlines", NULL },
    { " padded ", "", "老客户", NULL },
  };
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    agent_csv_append_row (out, rows[i]);

  for (guint enc = AGENT_CSV_ENCODING_UTF8; enc <= AGENT_CSV_ENCODING_GBK; enc++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = agent_csv_encode (out->str, enc, &error);
      g_autoptr(AgentCsvTable) table = NULL;
      gsize size;
      const char *data;

      g_assert_no_error (error);
      data = g_bytes_get_data (bytes, &size);
      if (enc == AGENT_CSV_ENCODING_UTF8)
        g_assert_true (size > 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0);
      else
        g_assert_false (g_utf8_validate_len (data, size, NULL));

      table = agent_csv_parse (data, size, AGENT_CSV_ENCODING_AUTO, NULL, NULL);
      g_assert_cmpint (agent_csv_table_get_encoding (table), ==, enc);
      g_assert_cmpuint (agent_csv_table_get_n_records (table), ==, G_N_ELEMENTS (rows));
      assert_record (table, 0, 1, rows[0]);
      assert_record (table, 1, 2, rows[1]);
      assert_record (table, 2, 4, rows[2]);
    }
}

typedef struct
{
  AgentCsvTable *table;
  GError        *error;
  guint          n_progress;
  guint64        last_done;
  guint64        total;
  gboolean       destroyed;
} ReadResult;

static void
on_progress_cb (guint64  done,
                guint64  total,
                gpointer user_data)
{
  ReadResult *result = user_data;

  g_assert_cmpuint (done, >=, result->last_done);
  g_assert_cmpuint (done, <=, total);
  result->last_done = done;
  result->total = total;
  result->n_progress++;
}

static void
on_progress_destroy_cb (gpointer user_data)
{
  ReadResult *result = user_data;

  result->destroyed = TRUE;
}

static void
on_read_cb (GObject      *object,
            GAsyncResult *res,
            gpointer      user_data)
{
  ReadResult *result = user_data;

  result->table = agent_csv_read_file_finish (res, &result->error);
}

static void
test_read_file (void)
{
  g_autoptr(GString) text = g_string_new ("电话,备注\n");
  g_autofree char *gbk = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  ReadResult result = { 0 };
  gsize length = 0;
  int fd;

  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (text, "139%08u,客户%u\n", i, i);
  gbk = to_gbk (text->str, &length);

  fd = g_file_open_tmp ("test-csv-XXXXXX.csv", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, gbk, length, &error);
  g_assert_no_error (error);
  file = g_file_new_for_path (path);

  agent_csv_read_file_async (file, AGENT_CSV_ENCODING_AUTO, on_progress_cb, &result,
                             on_progress_destroy_cb, NULL, on_read_cb, &result);
  while (result.table == NULL && result.error == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_no_error (result.error);
  g_assert_cmpuint (agent_csv_table_get_n_records (result.table), ==, 20001);
  assert_record (result.table, 20000, 20001, (const char *[]) { "13900019999", "客户19999", NULL });
  /* progress came in steps, in the main context, and the data was let go */
  g_assert_cmpuint (result.n_progress, >, 2);
  g_assert_cmpuint (result.total, ==, length);
  /* the worker thread may hold the task a moment longer */
  while (!result.destroyed)
    g_main_context_iteration (NULL, TRUE);
  agent_csv_table_unref (result.table);

  /* a file that is not there is an error, not a table */
  g_unlink (path);
  result = (ReadResult) { 0 };
  agent_csv_read_file_async (file, AGENT_CSV_ENCODING_AUTO, NULL, NULL, NULL, NULL,
                             on_read_cb, &result);
  while (result.table == NULL && result.error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&result.error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/agent/csv/plain", test_plain);
  g_test_add_func ("/agent/csv/no-final-newline", test_no_final_newline);
  g_test_add_func ("/agent/csv/quotes", test_quotes);
  g_test_add_func ("/agent/csv/unclosed-quote", test_unclosed_quote);
  g_test_add_func ("/agent/csv/bom", test_bom);
  g_test_add_func ("/agent/csv/gbk", test_gbk);
  g_test_add_func ("/agent/csv/bad-bytes", test_bad_bytes);
  g_test_add_func ("/agent/csv/problems-sorted", test_problems_sorted);
  g_test_add_func ("/agent/csv/write-round-trip", test_write_round_trip);
  g_test_add_func ("/agent/csv/read-file", test_read_file);

  return g_test_run ();
}
