/* agent-blacklist-import.c — the blacklist page's CSV import and export
 *
 * A file is read off the main loop (agent_csv_read_file_async) with a progress bar. Its numbers
 * are picked out of the column a header names (or the first), numbers already on the list or
 * repeated in the file are left out, and the lines that hold no number are reported with their
 * line numbers before anything is sent; the administrator then imports the rest or nothing.
 * The numbers go to the server in batches (agent_blacklist_page_start_job). Export writes the
 * numbers the search leaves on screen, in UTF-8 or GBK.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "agent-blacklist-page"

#include "config.h"

#include <glib/gi18n.h>

#include "bbh.h"

#include "agent-admin-private.h"
#include "agent-blacklist-page-private.h"
#include "agent-csv.h"

/* Importing a CSV file ------------------------------------------------------------------- */

static gboolean
is_phone_header (const char *field)
{
  static const char *names[] = { "phone", "phones", "number", "numbers", "tel", "mobile",
                                 "blaphone", "电话", "号码", "电话号码", "手机", "手机号", "手机号码" };
  g_autofree char *folded = g_utf8_casefold (field, -1);

  g_strstrip (folded);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (folded, names[i]))
      return TRUE;
  return FALSE;
}

/* Picks the numbers out of @table; lines that hold none become problems. Numbers repeated in
 * the file or already on the list are left out without complaint. */
static GPtrArray *
collect_phones (AgentBlacklistPage *self,
                AgentCsvTable      *table,
                guint              *out_known)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *phones = g_ptr_array_new_with_free_func (g_free);
  guint n = agent_csv_table_get_n_records (table);
  guint column = 0, first = 0, known = 0;

  if (self->entries != NULL)
    for (guint i = 0; i < g_list_model_get_n_items (self->entries); i++)
      {
        g_autoptr(BbhBlacklistEntry) entry = g_list_model_get_item (self->entries, i);
        const char *phone = bbh_blacklist_entry_get_phone (entry);

        if (phone != NULL)
          g_hash_table_add (seen, g_strdup (phone));
      }

  /* A first line without a number is a header; it may say which column holds them. */
  if (n > 0)
    {
      const AgentCsvRecord *record = agent_csv_table_get_record (table, 0);
      gboolean has_phone = FALSE;

      for (guint c = 0; record->fields[c] != NULL && !has_phone; c++)
        {
          g_autofree char *phone = agent_admin_normalize_phone (record->fields[c], NULL);

          has_phone = phone != NULL;
        }
      if (!has_phone)
        {
          first = 1;
          for (guint c = 0; record->fields[c] != NULL; c++)
            if (is_phone_header (record->fields[c]))
              {
                column = c;
                break;
              }
        }
    }

  for (guint i = first; i < n; i++)
    {
      const AgentCsvRecord *record = agent_csv_table_get_record (table, i);
      const char *field = g_strv_length (record->fields) > column ? record->fields[column] : "";
      g_autoptr(GError) error = NULL;
      char *phone = agent_admin_normalize_phone (field, &error);

      if (phone == NULL)
        {
          agent_csv_table_add_problem (table, record->line, error->message);
          continue;
        }
      if (g_hash_table_contains (seen, phone))
        {
          known++;
          g_free (phone);
          continue;
        }
      g_hash_table_add (seen, g_strdup (phone));
      g_ptr_array_add (phones, phone);
    }

  *out_known = known;
  return phones;
}

static void
on_problems_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         gpointer          user_data)
{
  AgentBlacklistPage *self = AGENT_BLACKLIST_PAGE (user_data);
  GPtrArray *phones = g_object_get_data (G_OBJECT (dialog), "agent-phones");
  const char *source = g_object_get_data (G_OBJECT (dialog), "agent-source");

  if (g_str_equal (response, "import") && phones != NULL && phones->len > 0)
    {
      agent_blacklist_page_start_job (self, JOB_ADD, phones, source);
      return;
    }

  /* Cancelled on the report: nothing was sent. */
  g_clear_object (&self->job_cancellable);
  agent_blacklist_page_set_busy (self, FALSE);
  agent_admin_toast (GTK_WIDGET (self), _("Nothing was imported"));
}

static void
on_csv_progress_cb (guint64  done,
                    guint64  total,
                    gpointer user_data)
{
  AgentBlacklistPage *self = AGENT_BLACKLIST_PAGE (user_data);

  gtk_progress_bar_set_fraction (self->progress_bar, total > 0 ? (double) done / total : 0.0);
}

static void
on_csv_read_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(AgentBlacklistPage) self = user_data;
  g_autoptr(AgentCsvTable) table = NULL;
  g_autoptr(GPtrArray) phones = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *count_text = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *report = NULL;
  g_autofree char *body = NULL;
  g_autofree char *import_label = NULL;
  AdwMessageDialog *dialog;
  guint n_problems, known = 0;

  table = agent_csv_read_file_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  name = g_file_get_basename (G_FILE (object));

  if (table == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("“%s” could not be read: %s"), name, error->message);

      g_clear_object (&self->job_cancellable);
      agent_blacklist_page_set_busy (self, FALSE);
      dialog = agent_admin_dialog_new (GTK_WIDGET (self), _("The File Could Not Be Read"), message);
      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  phones = collect_phones (self, table, &known);
  n_problems = agent_csv_table_get_n_problems (table);
  count_text = agent_admin_format_count (phones->len);

  if (n_problems == 0 && phones->len > 0)
    {
      agent_blacklist_page_start_job (self, JOB_ADD, phones, name);
      return;
    }

  if (phones->len == 0)
    {
      g_clear_object (&self->job_cancellable);
      agent_blacklist_page_set_busy (self, FALSE);
      if (n_problems == 0 && known > 0)
        body = g_strdup_printf (_("Every number in “%s” is on the blacklist already."), name);
      else if (n_problems == 0)
        body = g_strdup_printf (_("“%s” holds no phone numbers."), name);
      else
        {
          report = agent_csv_table_describe_problems (table, 20);
          body = g_strdup_printf (_("No line of “%s” holds a phone number:\n\n%s"), name, report);
        }
      dialog = agent_admin_dialog_new (GTK_WIDGET (self), _("Nothing to Import"), body);
      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      gtk_widget_add_css_class (GTK_WIDGET (dialog), "blacklist-import-problems");
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  /* Some lines are wrong: say which, and send nothing unless the administrator agrees. */
  report = agent_csv_table_describe_problems (table, 20);
  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Line Cannot Be Imported",
                                          "%u Lines Cannot Be Imported", n_problems),
                             n_problems);
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%s\n\nThe other %s number can be imported.",
                                       "%s\n\nThe other %s numbers can be imported.",
                                       phones->len),
                          report, count_text);
  import_label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "_Import %s Number",
                                               "_Import %s Numbers", phones->len),
                                  count_text);

  agent_blacklist_page_set_progress (self, _("Waiting for a decision on the lines that cannot be imported"), 0);
  dialog = agent_admin_dialog_new (GTK_WIDGET (self), heading, body);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel Import"),
                                    "import", import_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "import", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (dialog, "cancel");
  gtk_widget_add_css_class (GTK_WIDGET (dialog), "blacklist-import-problems");
  g_object_set_data_full (G_OBJECT (dialog), "agent-phones", g_steal_pointer (&phones),
                          (GDestroyNotify) g_ptr_array_unref);
  g_object_set_data_full (G_OBJECT (dialog), "agent-source", g_strdup (name), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "agent-problem-lines",
                          g_strdup_printf ("%u", n_problems), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_problems_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static AgentCsvEncoding
encoding_from_choice (GtkFileChooser *chooser)
{
  const char *choice = gtk_file_chooser_get_choice (chooser, "encoding");

  if (g_strcmp0 (choice, "gbk") == 0)
    return AGENT_CSV_ENCODING_GBK;
  if (g_strcmp0 (choice, "utf8") == 0)
    return AGENT_CSV_ENCODING_UTF8;
  return AGENT_CSV_ENCODING_AUTO;
}

static GtkFileFilter *
csv_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_filter_add_suffix (filter, "txt");
  return filter;
}

static void
add_encoding_choice (GtkFileChooser *chooser,
                     gboolean         with_auto)
{
  const char *ids_auto[] = { "auto", "utf8", "gbk", NULL };
  const char *ids[] = { "utf8", "gbk", NULL };
  const char *labels_auto[] = { _("Detect"), _("UTF-8"), _("GBK (Excel on Chinese Windows)"), NULL };
  const char *labels[] = { _("UTF-8"), _("GBK (Excel on Chinese Windows)"), NULL };

  gtk_file_chooser_add_choice (chooser, "encoding", _("Encoding"),
                               with_auto ? ids_auto : ids, with_auto ? labels_auto : labels);
  gtk_file_chooser_set_choice (chooser, "encoding", with_auto ? "auto" : "utf8");
}

static void
on_chooser_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        gpointer         user_data)
{
  AgentBlacklistPage *self = AGENT_BLACKLIST_PAGE (user_data);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      AgentCsvEncoding encoding = encoding_from_choice (GTK_FILE_CHOOSER (chooser));

      if (file != NULL && gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)) == GTK_FILE_CHOOSER_ACTION_SAVE)
        agent_blacklist_page_export_file (self, file,
                                          encoding == AGENT_CSV_ENCODING_GBK ? encoding
                                                                             : AGENT_CSV_ENCODING_UTF8);
      else if (file != NULL)
        agent_blacklist_page_import_file (self, file, encoding);
    }
  g_clear_object (&self->chooser);
}

/* The file chooser of Import (OPEN: the encoding may be detected) and Export (SAVE). */
static void
show_chooser (AgentBlacklistPage   *self,
              const char           *title,
              GtkFileChooserAction  action,
              const char           *accept_label)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GtkFileFilter) filter = csv_filter ();
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         action, accept_label, _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  if (action == GTK_FILE_CHOOSER_ACTION_SAVE)
    /* Translators: the suggested file name of an exported blacklist */
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("blacklist.csv"));
  add_encoding_choice (GTK_FILE_CHOOSER (chooser), action == GTK_FILE_CHOOSER_ACTION_OPEN);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
agent_blacklist_page_import_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  AgentBlacklistPage *self = AGENT_BLACKLIST_PAGE (widget);

  if (self->chooser == NULL && !self->busy)
    show_chooser (self, _("Import Numbers"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"));
}

/* Exporting ----------------------------------------------------------------------------------- */

static void
on_export_written_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(AgentBlacklistPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (G_FILE (object));
  g_autofree char *message = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = g_strdup_printf (_("“%s” could not be saved: %s"), name, error->message);
    }
  else
    message = g_strdup_printf (_("The blacklist was saved as “%s”"), name);
  agent_admin_toast (GTK_WIDGET (self), message);
}

void
agent_blacklist_page_export_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  AgentBlacklistPage *self = AGENT_BLACKLIST_PAGE (widget);

  if (self->chooser == NULL)
    show_chooser (self, _("Export the Blacklist"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"));
}

/**
 * agent_blacklist_page_import_file:
 * @self: the page
 * @file: a CSV file: a number a line, or a column of numbers under a header
 * @encoding: its encoding, or %AGENT_CSV_ENCODING_AUTO
 *
 * What the Import button does once a file is chosen: reads @file with a progress bar, reports
 * the lines that hold no number (nothing is sent unless the administrator goes on), then adds
 * the numbers in batches.
 */
void
agent_blacklist_page_import_file (AgentBlacklistPage *self,
                                  GFile              *file,
                                  AgentCsvEncoding    encoding)
{
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  g_return_if_fail (AGENT_IS_BLACKLIST_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->busy)
    return;

  name = g_file_get_basename (file);
  text = g_strdup_printf (_("Reading “%s”…"), name);
  g_clear_object (&self->job_cancellable);
  self->job_cancellable = g_cancellable_new ();
  agent_blacklist_page_set_progress (self, text, 0);
  agent_blacklist_page_set_busy (self, TRUE);
  agent_csv_read_file_async (file, encoding, on_csv_progress_cb, g_object_ref (self), g_object_unref,
                             self->job_cancellable, on_csv_read_cb, g_object_ref (self));
}

/**
 * agent_blacklist_page_export_file:
 * @self: the page
 * @file: where to save
 * @encoding: %AGENT_CSV_ENCODING_UTF8 or %AGENT_CSV_ENCODING_GBK
 *
 * Saves the numbers shown (all of them, or those the search finds) as CSV.
 */
void
agent_blacklist_page_export_file (AgentBlacklistPage *self,
                                  GFile              *file,
                                  AgentCsvEncoding    encoding)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *model;
  const char *header[] = { _("Number"), _("Added"), NULL };

  g_return_if_fail (AGENT_IS_BLACKLIST_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  model = G_LIST_MODEL (self->filter_model);
  agent_csv_append_row (text, header);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(BbhBlacklistEntry) entry = g_list_model_get_item (model, i);
      const char *added = bbh_blacklist_entry_get_member (entry, "blaCreateTime");
      const char *row[] = { bbh_blacklist_entry_get_phone (entry), added != NULL ? added : "", NULL };

      if (row[0] != NULL)
        agent_csv_append_row (text, row);
    }

  bytes = agent_csv_encode (text->str, encoding, &error);
  if (bytes == NULL)
    {
      agent_admin_toast (GTK_WIDGET (self), error->message);
      return;
    }
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       NULL, on_export_written_cb, g_object_ref (self));
}

