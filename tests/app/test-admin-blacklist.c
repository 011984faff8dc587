/* test-admin-blacklist.c — the blacklist page against a real sandbox, as an administrator:
 * add and remove, search, CSV import in batches (10 000 numbers, bad lines, GBK, a failing
 * batch and its retry, a cancelled report) and export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <unistd.h>
#include <glib/gstdio.h>

#include "agent-blacklist-page.h"
#include "agent-csv.h"
#include "admin-test-util.h"

static GHashTable *
phone_set (GListModel *entries)
{
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(BbhBlacklistEntry) entry = g_list_model_get_item (entries, i);

      g_hash_table_add (set, g_strdup (bbh_blacklist_entry_get_phone (entry)));
    }
  return set;
}

static GHashTable *
server_phones (AdminFixture *f)
{
  g_autoptr(BbhClient) client = admin_client_new (f, ADMIN_ACCOUNT, ADMIN_PASSWORD);
  g_autoptr(GListModel) entries = admin_get_blacklists (client);

  return phone_set (entries);
}

static gboolean
page_has (AgentBlacklistPage *page,
          const char         *phone)
{
  GListModel *entries = agent_blacklist_page_get_entries (page);
  g_autoptr(GHashTable) set = NULL;

  if (entries == NULL)
    return FALSE;
  set = phone_set (entries);
  return g_hash_table_contains (set, phone);
}

static void
wait_idle_page (AgentBlacklistPage *page)
{
  TEST_WAIT_UNTIL (!agent_blacklist_page_get_busy (page), ADMIN_WAIT_MS * 3);
}

static void
set_dialog_text (AdwMessageDialog *dialog,
                 const char       *text)
{
  GtkTextView *view = admin_find_descendant (adw_message_dialog_get_extra_child (dialog),
                                             GTK_TYPE_TEXT_VIEW);

  g_assert_nonnull (view);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text, -1);
}

/* Add and remove ----------------------------------------------------------------------- */

static void
add_remove_body (AgentApplication *app,
                 gpointer          user_data)
{
  AdminFixture *f = user_data;
  g_autoptr(GHashTable) before = server_phones (f);
  g_autoptr(GHashTable) after = NULL;
  AgentBlacklistPage *page;
  AdwMessageDialog *dialog;
  gint64 rows = -1;
  const char *remove[] = { "13911112222", "13911114444", NULL };

  page = AGENT_BLACKLIST_PAGE (admin_show_page (f, app, "blacklist", &rows));
  /* page-shown counts the numbers the server holds */
  g_assert_cmpint (rows, ==, g_hash_table_size (before));
  g_assert_cmpint (rows, >, 0);
  g_assert_cmpuint (agent_blacklist_page_get_n_shown (page), ==, rows);

  /* Typed numbers: one that is not a number keeps Add disabled. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "blacklist.add", NULL));
  dialog = admin_wait_dialog (app, "blacklist-add-dialog");
  set_dialog_text (dialog, "13911112222\nabc");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "add"));
  g_assert_true (admin_has_label (GTK_WIDGET (dialog), "“abc” is not a phone number."));
  set_dialog_text (dialog, "13911112222\n139-1111-3333，13911114444, 13911112222");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "add"));
  g_assert_true (admin_has_label (GTK_WIDGET (dialog), "3 numbers to add"));
  adw_message_dialog_response (dialog, "add");

  TEST_WAIT_UNTIL (page_has (page, "13911113333") && !agent_blacklist_page_get_busy (page),
                   ADMIN_WAIT_MS);
  after = server_phones (f);
  g_assert_cmpuint (g_hash_table_size (after), ==, g_hash_table_size (before) + 3);
  g_assert_true (g_hash_table_contains (after, "13911112222"));
  g_assert_true (g_hash_table_contains (after, "13911113333"));
  g_assert_true (g_hash_table_contains (after, "13911114444"));
  g_clear_pointer (&after, g_hash_table_unref);

  /* The search narrows the list as typed, spaces allowed. */
  agent_blacklist_page_set_search (page, "1391 111");
  g_assert_cmpuint (agent_blacklist_page_get_n_shown (page), ==, 3);

  /* Two of them selected and removed, after a confirmation. */
  agent_blacklist_page_select_phones (page, remove);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "blacklist.remove", NULL));
  dialog = admin_wait_dialog (app, "blacklist-remove-dialog");
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Remove 2 Numbers?");
  adw_message_dialog_response (dialog, "remove");

  TEST_WAIT_UNTIL (!page_has (page, "13911112222") && !agent_blacklist_page_get_busy (page),
                   ADMIN_WAIT_MS);
  g_assert_cmpuint (agent_blacklist_page_get_n_shown (page), ==, 1);
  after = server_phones (f);
  g_assert_false (g_hash_table_contains (after, "13911112222"));
  g_assert_false (g_hash_table_contains (after, "13911114444"));
  g_assert_true (g_hash_table_contains (after, "13911113333"));
  g_assert_cmpuint (g_hash_table_size (after), ==, g_hash_table_size (before) + 1);
}

static void
test_add_remove (AdminFixture  *f,
                 gconstpointer  data)
{
  admin_run (f, ADMIN_ACCOUNT, ADMIN_PASSWORD, add_remove_body);
}

/* Importing 10 000 numbers ----------------------------------------------------------------- */

static const guint bad_lines[] = { 102, 5003, 9998 };

static char *
write_big_csv (GPtrArray *phones)
{
  g_autoptr(GString) text = g_string_new ("phone,memo\n");
  g_autoptr(GError) error = NULL;
  char *path = NULL;
  int fd;

  /* line 1 is the header; the numbers are lines 2…10 001 */
  for (guint i = 0; i < 10000; i++)
    {
      guint line = i + 2;

      if (line == bad_lines[0])
        g_string_append (text, "not a number,x\n");
      else if (line == bad_lines[1])
        g_string_append (text, ",no number here\n");
      else if (line == bad_lines[2])
        g_string_append (text, "1771234abc,x\n");
      else
        {
          char *phone = g_strdup_printf ("1770%07u", i);

          g_string_append_printf (text, "%s,customer %u\n", phone, i);
          g_ptr_array_add (phones, phone);
        }
    }

  fd = g_file_open_tmp ("blacklist-XXXXXX.csv", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, text->str, text->len, &error);
  g_assert_no_error (error);
  return path;
}

static guint
count_labels (GtkWidget *widget)
{
  guint n = GTK_IS_LABEL (widget) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_labels (child);
  return n;
}

static void
import_big_body (AgentApplication *app,
                 gpointer          user_data)
{
  AdminFixture *f = user_data;
  g_autoptr(GPtrArray) phones = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *path = write_big_csv (phones);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GHashTable) before = server_phones (f);
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(GRegex) line_regex = g_regex_new ("Line (\\d+):", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GArray) reported = g_array_new (FALSE, FALSE, sizeof (guint));
  AgentBlacklistPage *page;
  AdwMessageDialog *dialog;
  guint expected_new = 0, sent = 0;

  g_assert_cmpuint (phones->len, ==, 9997);
  for (guint i = 0; i < phones->len; i++)
    if (!g_hash_table_contains (before, g_ptr_array_index (phones, i)))
      expected_new++;

  page = AGENT_BLACKLIST_PAGE (admin_show_page (f, app, "blacklist", NULL));

  /* The report names exactly the three bad lines; cancelling it sends nothing. */
  agent_blacklist_page_import_file (page, file, AGENT_CSV_ENCODING_AUTO);
  g_assert_true (agent_blacklist_page_get_busy (page));
  dialog = admin_wait_dialog (app, "blacklist-import-problems");
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "3 Lines Cannot Be Imported");
  g_regex_match (line_regex, adw_message_dialog_get_body (dialog), 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *number = g_match_info_fetch (match, 1);
      guint line = (guint) g_ascii_strtoull (number, NULL, 10);

      g_array_append_val (reported, line);
      g_match_info_next (match, NULL);
    }
  g_assert_cmpuint (reported->len, ==, G_N_ELEMENTS (bad_lines));
  for (guint i = 0; i < G_N_ELEMENTS (bad_lines); i++)
    g_assert_cmpuint (g_array_index (reported, guint, i), ==, bad_lines[i]);
  {
    /* the count as the locale writes it: 9,997 or 9997 */
    g_autofree char *count = g_strdup_printf ("%'u", 9997u);

    g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), count));
  }

  adw_message_dialog_response (dialog, "cancel");
  wait_idle_page (page);
  requests = admin_requests (f, "addBlacklists");
  g_assert_cmpuint (requests->len, ==, 0);
  g_clear_pointer (&requests, g_ptr_array_unref);

  /* Going on imports the rest, 500 numbers a request, one request at a time. */
  agent_blacklist_page_import_file (page, file, AGENT_CSV_ENCODING_AUTO);
  dialog = admin_wait_dialog (app, "blacklist-import-problems");
  adw_message_dialog_response (dialog, "import");
  wait_idle_page (page);

  after = server_phones (f);
  g_assert_cmpuint (g_hash_table_size (after), ==, g_hash_table_size (before) + expected_new);
  for (guint i = 0; i < phones->len; i++)
    g_assert_true (g_hash_table_contains (after, g_ptr_array_index (phones, i)));

  requests = admin_requests (f, "addBlacklists");
  g_assert_cmpuint (requests->len, ==, (expected_new + 499) / 500);
  for (guint i = 0; i < requests->len; i++)
    {
      JsonObject *params = json_object_get_object_member (g_ptr_array_index (requests, i), "params");
      g_auto(GStrv) numbers = g_strsplit (json_object_get_string_member (params, "phones"), ",", -1);

      g_assert_cmpuint (g_strv_length (numbers), <=, 500);
      sent += g_strv_length (numbers);
    }
  g_assert_cmpuint (sent, ==, expected_new);

  /* The page shows the new list. */
  TEST_WAIT_UNTIL (agent_blacklist_page_get_entries (page) != NULL &&
                   g_list_model_get_n_items (agent_blacklist_page_get_entries (page)) ==
                   g_hash_table_size (after), ADMIN_WAIT_MS);

  /* The whole list is held (the server has no paging), but only a screenful of rows is built:
   * the column view recycles its rows, so 10,000 numbers cost no 10,000 widgets. */
  {
    GtkWidget *view = test_template_child (page, AGENT_TYPE_BLACKLIST_PAGE, "column_view");
    guint labels;

    TEST_WAIT_UNTIL (gtk_widget_get_mapped (view) && count_labels (view) > 4, ADMIN_WAIT_MS);
    labels = count_labels (view);
    g_assert_cmpuint (g_list_model_get_n_items (agent_blacklist_page_get_entries (page)), >, 9000);
    g_assert_cmpuint (labels, <, 1500);  /* about 400 here: two hundred rows, not ten thousand */
  }
  g_unlink (path);
}

static void
test_import_big (AdminFixture  *f,
                 gconstpointer  data)
{
  admin_run (f, ADMIN_ACCOUNT, ADMIN_PASSWORD, import_big_body);
}

/* GBK ------------------------------------------------------------------------------------------ */

static void
import_gbk_body (AgentApplication *app,
                 gpointer          user_data)
{
  AdminFixture *f = user_data;
  const char *text = "备注,电话号码\r\n老客户,13822220001\r\n投诉,\"13822220002\"\r\n回访，重要,138 2222 0003\r\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *gbk = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  AgentBlacklistPage *page;
  gsize length = 0;
  int fd;

  gbk = g_convert (text, -1, "GBK", "UTF-8", NULL, &length, &error);
  g_assert_no_error (error);
  fd = g_file_open_tmp ("blacklist-gbk-XXXXXX.csv", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, gbk, length, &error);
  g_assert_no_error (error);
  file = g_file_new_for_path (path);

  page = AGENT_BLACKLIST_PAGE (admin_show_page (f, app, "blacklist", NULL));
  /* the header names the column (电话号码, the second); no line is wrong, so no report */
  agent_blacklist_page_import_file (page, file, AGENT_CSV_ENCODING_AUTO);
  wait_idle_page (page);
  g_assert_null (admin_find_dialog (app, "blacklist-import-problems"));

  after = server_phones (f);
  g_assert_true (g_hash_table_contains (after, "13822220001"));
  g_assert_true (g_hash_table_contains (after, "13822220002"));
  g_assert_true (g_hash_table_contains (after, "13822220003"));
  requests = admin_requests (f, "addBlacklists");
  g_assert_cmpuint (requests->len, ==, 1);
  g_unlink (path);
}

static void
test_import_gbk (AdminFixture  *f,
                 gconstpointer  data)
{
  admin_run (f, ADMIN_ACCOUNT, ADMIN_PASSWORD, import_gbk_body);
}

/* A failing batch ------------------------------------------------------------------------------ */

static void
batch_failure_body (AgentApplication *app,
                    gpointer          user_data)
{
  AdminFixture *f = user_data;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GHashTable) before = server_phones (f);
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  AgentBlacklistPage *page;
  AdwMessageDialog *dialog;
  int fd;

  for (guint i = 0; i < 1200; i++)
    g_string_append_printf (text, "1660%07u\n", i);
  fd = g_file_open_tmp ("blacklist-fail-XXXXXX.csv", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, text->str, text->len, &error);
  g_assert_no_error (error);
  file = g_file_new_for_path (path);

  page = AGENT_BLACKLIST_PAGE (admin_show_page (f, app, "blacklist", NULL));

  /* The server fails: the import stops at the first batch and says so; nothing is half in. */
  test_sandbox_fault (f->sandbox, "http500", 60000);
  agent_blacklist_page_import_file (page, file, AGENT_CSV_ENCODING_AUTO);
  dialog = admin_wait_dialog (app, "blacklist-batch-failed");
  {
    g_autofree char *text = g_strdup_printf ("0 of %'u numbers were added", 1200u);

    g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), text));
  }
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Batch 1 (numbers 1 to 500)"));
  test_sandbox_fault (f->sandbox, "none", 0);

  after = server_phones (f);
  g_assert_cmpuint (g_hash_table_size (after), ==, g_hash_table_size (before));
  g_clear_pointer (&after, g_hash_table_unref);

  /* Retry sends the rest, from the failed batch on. */
  adw_message_dialog_response (dialog, "retry");
  wait_idle_page (page);
  after = server_phones (f);
  g_assert_cmpuint (g_hash_table_size (after), ==, g_hash_table_size (before) + 1200);
  /* (the sandbox logs no method for a request it failed on purpose) */
  requests = admin_requests (f, "addBlacklists");
  g_assert_cmpuint (requests->len, ==, 3);
  g_unlink (path);
}

static void
test_batch_failure (AdminFixture  *f,
                    gconstpointer  data)
{
  admin_run (f, ADMIN_ACCOUNT, ADMIN_PASSWORD, batch_failure_body);
}

/* Export ------------------------------------------------------------------------------------- */

static gboolean
file_has_records (const char *path,
                  guint       n)
{
  g_autofree char *contents = NULL;
  g_autoptr(AgentCsvTable) table = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;
  table = agent_csv_parse (contents, length, AGENT_CSV_ENCODING_AUTO, NULL, NULL);
  return agent_csv_table_get_n_records (table) == n;
}

static void
export_body (AgentApplication *app,
             gpointer          user_data)
{
  AdminFixture *f = user_data;
  g_autoptr(GHashTable) before = server_phones (f);
  AgentBlacklistPage *page;

  page = AGENT_BLACKLIST_PAGE (admin_show_page (f, app, "blacklist", NULL));

  for (AgentCsvEncoding encoding = AGENT_CSV_ENCODING_UTF8; encoding <= AGENT_CSV_ENCODING_GBK; encoding++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *dir = g_dir_make_tmp ("blacklist-export-XXXXXX", &error);
      g_autofree char *path = g_build_filename (dir, "blacklist.csv", NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(AgentCsvTable) table = NULL;
      g_autofree char *contents = NULL;
      gsize length = 0;

      agent_blacklist_page_export_file (page, file, encoding);
      /* written once the last row is in the file */
      TEST_WAIT_UNTIL (file_has_records (path, g_hash_table_size (before) + 1), ADMIN_WAIT_MS);
      g_file_get_contents (path, &contents, &length, &error);
      g_assert_no_error (error);

      /* UTF-8 carries a byte-order mark for Excel; GBK (here all ASCII) none */
      g_assert_cmpint (g_str_has_prefix (contents, "\xEF\xBB\xBF"), ==, encoding == AGENT_CSV_ENCODING_UTF8);
      table = agent_csv_parse (contents, length, encoding, NULL, NULL);
      g_assert_cmpuint (agent_csv_table_get_n_problems (table), ==, 0);
      g_assert_cmpuint (agent_csv_table_get_n_records (table), ==, g_hash_table_size (before) + 1);
      for (guint i = 1; i < agent_csv_table_get_n_records (table); i++)
        g_assert_true (g_hash_table_contains (before, agent_csv_table_get_record (table, i)->fields[0]));
      g_unlink (path);
      g_rmdir (dir);
    }
}

static void
test_export (AdminFixture  *f,
             gconstpointer  data)
{
  admin_run (f, ADMIN_ACCOUNT, ADMIN_PASSWORD, export_body);
}

int
main (int   argc,
      char *argv[])
{
  test_trace_setup ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add ("/agent/admin-blacklist/" path, AdminFixture, NULL, admin_fixture_setup, func, \
              admin_fixture_teardown)
  ADD ("add-remove", test_add_remove);
  ADD ("import-10000", test_import_big);
  ADD ("import-gbk", test_import_gbk);
  ADD ("batch-failure", test_batch_failure);
  ADD ("export", test_export);
#undef ADD

  return g_test_run ();
}
