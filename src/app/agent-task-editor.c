/* agent-task-editor.c — a new outbound task: settings, agents, numbers from a CSV file
 *
 * The numbers come from a CSV file (phone, key, memo, then the work-order fields woOther1 …,
 * or any order under a line of column names). Before anything is sent the file is checked and
 * the lines left out are listed with their numbers: lines without a phone number, a number
 * repeated (the line it repeats is named), a number on the company's blacklist (getBlacklists),
 * a memo with a "#" (the document says text-to-speech cannot have one).
 *
 * One task, one request: addTask creates a new task from its `data` each time it is called,
 * and the document (2.10.2) has no call that adds numbers to an existing task, so sending the
 * numbers in batches would split one campaign into several tasks. The numbers go in one POST,
 * with a progress bar while the file is read and while the server takes them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "agent-task-editor"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "agent-admin-private.h"
#include "agent-task-editor.h"

/* The type row's positions: addType 1…4. */
static const int add_types[] = {
  BBH_TASK_ADD_AUTO, BBH_TASK_ADD_MANUAL, BBH_TASK_ADD_WORK_ORDER_AUTO, BBH_TASK_ADD_WORK_ORDER_MANUAL
};

typedef struct
{
  char      *phone;
  char      *key;
  char      *memo;
  GPtrArray *fields;   /* name, value, name, value … (woOther1 …) */
} TaskNumber;

struct _AgentTaskEditor
{
  AdwWindow         parent_instance;

  /* Template widgets */
  GtkRevealer      *error_revealer;
  GtkLabel         *error_label;
  AdwEntryRow      *name_row;
  AdwComboRow      *type_row;
  AdwComboRow      *flow_row;
  AdwEntryRow      *work_order_row;
  AdwEntryRow      *send_time_row;
  GtkSwitch        *repeat_switch;
  GtkSpinButton    *interval_spin;
  AdwComboRow      *owner_row;
  AdwExpanderRow   *allot_row;
  AdwActionRow     *numbers_row;
  GtkProgressBar   *progress_bar;
  GtkLabel         *problems_label;

  /* Owned */
  BbhClient        *client;
  GListModel       *flows;
  char             *company_number;
  GCancellable     *cancellable;
  GtkStringList    *flow_names;
  GtkStringList    *owner_names;
  GPtrArray        *owner_extensions;   /* parallel to owner_names; "" for the administrator */
  GPtrArray        *allot_checks;       /* GtkCheckButton, with "agent-extension" data */
  GPtrArray        *numbers;            /* TaskNumber */
  AgentCsvTable    *table;
  GHashTable       *blacklist;          /* NULL until fetched */
  GtkNativeDialog  *chooser;
  char             *problems;
  char             *file_name;
  guint             pulse_id;
  guint             pending;            /* reading the file, fetching the blacklist */
  gboolean          blacklist_failed;
  gboolean          busy;
};

G_DEFINE_FINAL_TYPE (AgentTaskEditor, agent_task_editor, ADW_TYPE_WINDOW)

enum {
  SIGNAL_CREATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
task_number_free (gpointer data)
{
  TaskNumber *number = data;

  g_free (number->phone);
  g_free (number->key);
  g_free (number->memo);
  g_clear_pointer (&number->fields, g_ptr_array_unref);
  g_free (number);
}

static void
show_error (AgentTaskEditor *self,
            const char      *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

static void
set_busy (AgentTaskEditor *self,
          gboolean         busy)
{
  self->busy = busy;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "task.create", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "task.choose-file", !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), busy);
  if (!busy)
    g_clear_handle_id (&self->pulse_id, g_source_remove);
}

static int
selected_add_type (AgentTaskEditor *self)
{
  return add_types[MIN (adw_combo_row_get_selected (self->type_row), G_N_ELEMENTS (add_types) - 1)];
}

static gboolean
is_work_order (int add_type)
{
  return add_type == BBH_TASK_ADD_WORK_ORDER_AUTO || add_type == BBH_TASK_ADD_WORK_ORDER_MANUAL;
}

static gboolean
is_automatic (int add_type)
{
  return add_type == BBH_TASK_ADD_AUTO || add_type == BBH_TASK_ADD_WORK_ORDER_AUTO;
}

static void
on_type_changed_cb (AgentTaskEditor *self)
{
  int add_type = selected_add_type (self);

  gtk_widget_set_sensitive (GTK_WIDGET (self->work_order_row), is_work_order (add_type));
}

static GDateTime *
parse_send_time (const char *text,
                 gboolean   *out_valid)
{
  GDateTime *time = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  *out_valid = TRUE;
  if (*stripped == '\0')
    return NULL;
  time = agent_admin_parse_local_time (stripped);
  /* a date alone is not a start time */
  if (time == NULL || strchr (stripped, ':') == NULL)
    {
      g_clear_pointer (&time, g_date_time_unref);
      *out_valid = FALSE;
    }
  return time;
}

static void
on_send_time_changed_cb (AgentTaskEditor *self)
{
  g_autoptr(GDateTime) time = NULL;
  gboolean valid;

  time = parse_send_time (gtk_editable_get_text (GTK_EDITABLE (self->send_time_row)), &valid);
  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (self->send_time_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->send_time_row), "error");
}

static void
on_allot_toggled_cb (AgentTaskEditor *self)
{
  guint n = 0;
  g_autofree char *subtitle = NULL;

  for (guint i = 0; i < self->allot_checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->allot_checks, i)))
      n++;
  if (n == 0)
    subtitle = g_strdup (_("None chosen: you"));
  else
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u agent", "%u agents", n), n);
  adw_expander_row_set_subtitle (self->allot_row, subtitle);
}

/* The agents as the server knows them: accounts are the company number and the extension. */
static char *
account_for (AgentTaskEditor *self,
             const char      *extension)
{
  if (self->company_number != NULL && *self->company_number != '\0' && strlen (extension) <= 4)
    return g_strconcat (self->company_number, extension, NULL);
  return g_strdup (extension);
}

static void
on_get_extensions_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(AgentTaskEditor) self = user_data;
  g_autoptr(GListModel) agents = NULL;
  g_autoptr(GError) error = NULL;

  agents = bbh_client_get_extensions_finish (BBH_CLIENT (object), result, NULL, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (agents == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The agents could not be listed: %s"), error->message);

      adw_expander_row_set_subtitle (self->allot_row, message);
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (agents); i++)
    {
      g_autoptr(BbhAgent) agent = g_list_model_get_item (agents, i);
      const char *extension = bbh_agent_get_extension (agent);
      const char *name = bbh_agent_get_name (agent);
      g_autofree char *label = NULL;
      GtkWidget *row, *check;

      if (extension == NULL || bbh_agent_get_status (agent) == BBH_AGENT_STATUS_DISABLED)
        continue;
      /* Translators: an agent in a list: the name, then the extension */
      label = g_strdup_printf (_("%s (%s)"), name != NULL && *name != '\0' ? name : extension, extension);

      gtk_string_list_append (self->owner_names, label);
      g_ptr_array_add (self->owner_extensions, g_strdup (extension));

      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
      check = gtk_check_button_new ();
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      g_object_set_data_full (G_OBJECT (check), "agent-extension", g_strdup (extension), g_free);
      g_signal_connect_object (check, "toggled", G_CALLBACK (on_allot_toggled_cb), self, G_CONNECT_SWAPPED);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_expander_row_add_row (self->allot_row, row);
      g_ptr_array_add (self->allot_checks, check);
    }
  on_allot_toggled_cb (self);
}

/* Numbers ------------------------------------------------------------------------------------ */

typedef enum
{
  COLUMN_OTHER,
  COLUMN_PHONE,
  COLUMN_KEY,
  COLUMN_MEMO,
} ColumnKind;

static ColumnKind
column_kind (const char *header)
{
  static const char *phones[] = { "phone", "number", "tel", "mobile", "电话", "号码", "电话号码", "手机", "手机号", "手机号码" };
  static const char *keys[] = { "key", "键值", "编号", "自定义键值" };
  static const char *memos[] = { "memo", "text", "备注", "文字", "内容", "语音" };
  g_autofree char *folded = g_utf8_casefold (header, -1);

  g_strstrip (folded);
  for (guint i = 0; i < G_N_ELEMENTS (phones); i++)
    if (g_str_equal (folded, phones[i]))
      return COLUMN_PHONE;
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (g_str_equal (folded, keys[i]))
      return COLUMN_KEY;
  for (guint i = 0; i < G_N_ELEMENTS (memos); i++)
    if (g_str_equal (folded, memos[i]))
      return COLUMN_MEMO;
  return COLUMN_OTHER;
}

static gboolean
record_has_phone (const AgentCsvRecord *record)
{
  for (guint c = 0; record->fields[c] != NULL; c++)
    {
      g_autofree char *phone = agent_admin_normalize_phone (record->fields[c], NULL);

      if (phone != NULL)
        return TRUE;
    }
  return FALSE;
}

/* Turns the table into numbers; what cannot be used becomes a problem of its line. */
static void
collect_numbers (AgentTaskEditor *self)
{
  AgentCsvTable *table = self->table;
  guint n = agent_csv_table_get_n_records (table);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  guint first = 0, phone_column = 0;
  int key_column = 1, memo_column = 2;

  g_ptr_array_set_size (self->numbers, 0);

  if (n > 0 && !record_has_phone (agent_csv_table_get_record (table, 0)))
    {
      /* a line of column names */
      const AgentCsvRecord *header = agent_csv_table_get_record (table, 0);
      guint other = 0;

      first = 1;
      key_column = memo_column = -1;
      for (guint c = 0; header->fields[c] != NULL; c++)
        {
          const char *name = header->fields[c];

          switch (column_kind (name))
            {
            case COLUMN_PHONE:
              phone_column = c;
              g_ptr_array_add (names, NULL);
              break;
            case COLUMN_KEY:
              key_column = c;
              g_ptr_array_add (names, NULL);
              break;
            case COLUMN_MEMO:
              memo_column = c;
              g_ptr_array_add (names, NULL);
              break;
            case COLUMN_OTHER:
            default:
              /* woOtherN keeps its name; other names are numbered in order */
              if (g_str_has_prefix (name, "woOther"))
                g_ptr_array_add (names, g_strstrip (g_strdup (name)));
              else
                g_ptr_array_add (names, g_strdup_printf ("woOther%u", ++other));
              break;
            }
        }
    }

  for (guint i = first; i < n; i++)
    {
      const AgentCsvRecord *record = agent_csv_table_get_record (table, i);
      guint n_fields = g_strv_length (record->fields);
      const char *raw = phone_column < n_fields ? record->fields[phone_column] : "";
      g_autoptr(GError) error = NULL;
      g_autofree char *phone = agent_admin_normalize_phone (raw, &error);
      g_autofree char *message = NULL;
      TaskNumber *number;
      guint other = 0;

      if (phone == NULL)
        {
          agent_csv_table_add_problem (table, record->line, error->message);
          continue;
        }
      if (g_hash_table_contains (seen, phone))
        {
          message = g_strdup_printf (_("%s is already on line %u."), phone,
                                     GPOINTER_TO_UINT (g_hash_table_lookup (seen, phone)));
          agent_csv_table_add_problem (table, record->line, message);
          continue;
        }
      if (self->blacklist != NULL && g_hash_table_contains (self->blacklist, phone))
        {
          message = g_strdup_printf (_("%s is on the blacklist."), phone);
          agent_csv_table_add_problem (table, record->line, message);
          continue;
        }
      if (memo_column >= 0 && (guint) memo_column < n_fields && strchr (record->fields[memo_column], '#') != NULL)
        {
          agent_csv_table_add_problem (table, record->line,
                                       _("The memo has a “#”, which the text-to-speech cannot read."));
          continue;
        }

      g_hash_table_insert (seen, g_strdup (phone), GUINT_TO_POINTER (record->line));
      number = g_new0 (TaskNumber, 1);
      number->phone = g_steal_pointer (&phone);
      number->key = key_column >= 0 && (guint) key_column < n_fields ? g_strdup (record->fields[key_column]) : NULL;
      number->memo = memo_column >= 0 && (guint) memo_column < n_fields ? g_strdup (record->fields[memo_column]) : NULL;
      number->fields = g_ptr_array_new_with_free_func (g_free);
      for (guint c = 0; c < n_fields; c++)
        {
          const char *name;

          if (first == 0)
            {
              /* no column names: phone, key, memo, woOther1, woOther2 … */
              if (c < 3)
                continue;
              g_ptr_array_add (number->fields, g_strdup_printf ("woOther%u", ++other));
              g_ptr_array_add (number->fields, g_strdup (record->fields[c]));
              continue;
            }
          name = c < names->len ? g_ptr_array_index (names, c) : NULL;
          if (name == NULL)
            continue;
          g_ptr_array_add (number->fields, g_strdup (name));
          g_ptr_array_add (number->fields, g_strdup (record->fields[c]));
        }
      g_ptr_array_add (self->numbers, number);
    }
}

static void
show_numbers (AgentTaskEditor *self)
{
  guint n_problems = agent_csv_table_get_n_problems (self->table);
  g_autofree char *count = agent_admin_format_count (self->numbers->len);
  g_autofree char *subtitle = NULL;
  g_autofree char *report = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->numbers_row), self->file_name);
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s number ready", "%s numbers ready",
                                           self->numbers->len),
                              count);
  if (self->blacklist_failed)
    {
      g_autofree char *with_note = g_strdup_printf (_("%s; not checked against the blacklist"), subtitle);

      g_free (subtitle);
      subtitle = g_steal_pointer (&with_note);
    }
  adw_action_row_set_subtitle (self->numbers_row, subtitle);

  g_clear_pointer (&self->problems, g_free);
  if (n_problems > 0)
    {
      g_autofree char *lines = agent_csv_table_describe_problems (self->table, 50);

      report = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u line is left out:\n%s",
                                             "%u lines are left out:\n%s", n_problems),
                                n_problems, lines);
      self->problems = g_strdup (report);
    }
  gtk_label_set_label (self->problems_label, report != NULL ? report : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problems_label), report != NULL);
}

static void
numbers_step_done (AgentTaskEditor *self)
{
  if (--self->pending > 0)
    return;

  set_busy (self, FALSE);
  if (self->table == NULL)
    return;
  collect_numbers (self);
  show_numbers (self);
}

static void
on_blacklist_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(AgentTaskEditor) self = user_data;
  g_autoptr(GListModel) entries = NULL;
  g_autoptr(GError) error = NULL;

  entries = bbh_client_get_blacklists_finish (BBH_CLIENT (object), result, NULL, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (entries != NULL)
    {
      self->blacklist = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
        {
          g_autoptr(BbhBlacklistEntry) entry = g_list_model_get_item (entries, i);

          if (bbh_blacklist_entry_get_phone (entry) != NULL)
            g_hash_table_add (self->blacklist, g_strdup (bbh_blacklist_entry_get_phone (entry)));
        }
    }
  else
    self->blacklist_failed = TRUE;
  numbers_step_done (self);
}

static void
on_file_progress_cb (guint64  done,
                     guint64  total,
                     gpointer user_data)
{
  AgentTaskEditor *self = AGENT_TASK_EDITOR (user_data);

  gtk_progress_bar_set_fraction (self->progress_bar, total > 0 ? (double) done / total : 0);
}

static void
on_file_read_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(AgentTaskEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  AgentCsvTable *table;

  table = agent_csv_read_file_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_pointer (&self->table, agent_csv_table_unref);
  self->table = table;
  if (table == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("“%s” could not be read: %s"), self->file_name,
                                                  error->message);

      show_error (self, message);
    }
  numbers_step_done (self);
}

static void
on_chooser_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        gpointer         user_data)
{
  AgentTaskEditor *self = AGENT_TASK_EDITOR (user_data);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      const char *choice = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "encoding");
      AgentCsvEncoding encoding = g_strcmp0 (choice, "gbk") == 0 ? AGENT_CSV_ENCODING_GBK
                                  : g_strcmp0 (choice, "utf8") == 0 ? AGENT_CSV_ENCODING_UTF8
                                  : AGENT_CSV_ENCODING_AUTO;

      if (file != NULL)
        agent_task_editor_load_file (self, file, encoding);
    }
  g_clear_object (&self->chooser);
}

static void
choose_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AgentTaskEditor *self = AGENT_TASK_EDITOR (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  const char *ids[] = { "auto", "utf8", "gbk", NULL };
  const char *labels[] = { _("Detect"), _("UTF-8"), _("GBK (Excel on Chinese Windows)"), NULL };
  GtkFileChooserNative *chooser;

  if (self->chooser != NULL)
    return;

  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_filter_add_suffix (filter, "txt");

  chooser = gtk_file_chooser_native_new (_("Numbers for the Task"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "encoding", _("Encoding"), ids, labels);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "encoding", "auto");
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Creating --------------------------------------------------------------------------------- */

static gboolean
on_pulse_cb (gpointer user_data)
{
  gtk_progress_bar_pulse (GTK_PROGRESS_BAR (user_data));
  return G_SOURCE_CONTINUE;
}

static void
on_task_added_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(AgentTaskEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 task_id = 0;

  if (!bbh_client_add_task_finish (BBH_CLIENT (object), result, &task_id, &error))
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_busy (self, FALSE);
      message = g_strdup_printf (_("The task could not be created: %s"), error->message);
      show_error (self, message);
      return;
    }

  set_busy (self, FALSE);
  g_signal_emit (self, signals[SIGNAL_CREATED], 0, task_id);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AgentTaskEditor *self = AGENT_TASK_EDITOR (widget);
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  g_autofree char *work_order = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->work_order_row))));
  g_autoptr(GDateTime) send_time = NULL;
  g_autoptr(BbhTaskRequest) request = NULL;
  g_autoptr(GPtrArray) allot = g_ptr_array_new_with_free_func (g_free);
  int add_type = selected_add_type (self);
  guint flow = adw_combo_row_get_selected (self->flow_row);
  guint owner = adw_combo_row_get_selected (self->owner_row);
  const char *flow_name = NULL;
  gboolean valid_time;
  g_autofree char *sending = NULL;
  g_autofree char *count = NULL;

  if (self->busy)
    return;

  if (flow != GTK_INVALID_LIST_POSITION && flow < g_list_model_get_n_items (G_LIST_MODEL (self->flow_names)))
    flow_name = gtk_string_list_get_string (self->flow_names, flow);
  send_time = parse_send_time (gtk_editable_get_text (GTK_EDITABLE (self->send_time_row)), &valid_time);

  if (*name == '\0')
    {
      show_error (self, _("Give the task a name."));
      return;
    }
  if (is_automatic (add_type) && flow_name == NULL)
    {
      show_error (self, _("Choose the call flow the server plays when it dials."));
      return;
    }
  if (is_work_order (add_type) && *work_order == '\0')
    {
      show_error (self, _("Name the work order the task’s numbers fill in."));
      return;
    }
  if (!valid_time)
    {
      show_error (self, _("Write the start time as 2024-05-01 09:30, or leave it empty to start now."));
      return;
    }
  if (self->numbers->len == 0)
    {
      show_error (self, _("Choose a CSV file with the numbers to call."));
      return;
    }

  request = bbh_task_request_new (add_type, name);
  /* manual tasks may name a flow too: findTaskMx finds tasks by their flow */
  if (flow_name != NULL)
    bbh_task_request_set_flow_name (request, flow_name);
  if (send_time != NULL)
    bbh_task_request_set_send_time (request, send_time);
  bbh_task_request_set_repeat (request, gtk_switch_get_active (self->repeat_switch));
  bbh_task_request_set_send_interval (request, gtk_spin_button_get_value_as_int (self->interval_spin));
  if (is_work_order (add_type))
    bbh_task_request_set_work_order_name (request, work_order);

  for (guint i = 0; i < self->allot_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->allot_checks, i);

      if (gtk_check_button_get_active (check))
        g_ptr_array_add (allot, account_for (self, g_object_get_data (G_OBJECT (check), "agent-extension")));
    }
  g_ptr_array_add (allot, NULL);
  if (allot->len > 1)
    bbh_task_request_set_allot_extensions (request, (const char * const *) allot->pdata);
  if (owner != GTK_INVALID_LIST_POSITION && owner > 0 && owner < self->owner_extensions->len)
    {
      g_autofree char *account = account_for (self, g_ptr_array_index (self->owner_extensions, owner));

      bbh_task_request_set_owner_extension (request, account);
    }

  for (guint i = 0; i < self->numbers->len; i++)
    {
      TaskNumber *number = g_ptr_array_index (self->numbers, i);
      guint index = bbh_task_request_add_number (request, number->phone, number->key, number->memo);

      for (guint f = 0; f + 1 < number->fields->len; f += 2)
        bbh_task_request_set_number_field (request, index, g_ptr_array_index (number->fields, f),
                                           g_ptr_array_index (number->fields, f + 1));
    }

  show_error (self, NULL);
  set_busy (self, TRUE);
  count = agent_admin_format_count (self->numbers->len);
  sending = g_strdup_printf (_("Sending %s numbers…"), count);
  gtk_progress_bar_set_text (self->progress_bar, sending);
  gtk_progress_bar_set_show_text (self->progress_bar, TRUE);
  self->pulse_id = g_timeout_add (100, on_pulse_cb, self->progress_bar);
  bbh_client_add_task_async (self->client, request, self->cancellable, on_task_added_cb, g_object_ref (self));
}

/* GObject ----------------------------------------------------------------------------------- */

static void
agent_task_editor_dispose (GObject *object)
{
  AgentTaskEditor *self = AGENT_TASK_EDITOR (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  g_clear_object (&self->client);
  g_clear_object (&self->flows);
  g_clear_object (&self->flow_names);
  g_clear_object (&self->owner_names);
  g_clear_pointer (&self->owner_extensions, g_ptr_array_unref);
  g_clear_pointer (&self->allot_checks, g_ptr_array_unref);
  g_clear_pointer (&self->numbers, g_ptr_array_unref);
  g_clear_pointer (&self->table, agent_csv_table_unref);
  g_clear_pointer (&self->blacklist, g_hash_table_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), AGENT_TYPE_TASK_EDITOR);

  G_OBJECT_CLASS (agent_task_editor_parent_class)->dispose (object);
}

static void
agent_task_editor_finalize (GObject *object)
{
  AgentTaskEditor *self = AGENT_TASK_EDITOR (object);

  g_free (self->company_number);
  g_free (self->problems);
  g_free (self->file_name);

  G_OBJECT_CLASS (agent_task_editor_parent_class)->finalize (object);
}

static void
agent_task_editor_class_init (AgentTaskEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = agent_task_editor_dispose;
  object_class->finalize = agent_task_editor_finalize;

  /**
   * AgentTaskEditor::created:
   * @task_id: the new task's id
   *
   * The server took the task; the editor closes.
   */
  signals[SIGNAL_CREATED] =
    g_signal_new ("created", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/babaihu/Agent/agent-task-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, AgentTaskEditor, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, AgentTaskEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, AgentTaskEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, AgentTaskEditor, type_row);
  gtk_widget_class_bind_template_child (widget_class, AgentTaskEditor, flow_row);
  gtk_widget_class_bind_template_child (widget_class, AgentTaskEditor, work_order_row);
  gtk_widget_class_bind_template_child (widget_class, AgentTaskEditor, send_time_row);
  gtk_widget_class_bind_template_child (widget_class, AgentTaskEditor, repeat_switch);
  gtk_widget_class_bind_template_child (widget_class, AgentTaskEditor, interval_spin);
  gtk_widget_class_bind_template_child (widget_class, AgentTaskEditor, owner_row);
  gtk_widget_class_bind_template_child (widget_class, AgentTaskEditor, allot_row);
  gtk_widget_class_bind_template_child (widget_class, AgentTaskEditor, numbers_row);
  gtk_widget_class_bind_template_child (widget_class, AgentTaskEditor, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, AgentTaskEditor, problems_label);
  gtk_widget_class_bind_template_callback (widget_class, on_type_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_send_time_changed_cb);

  gtk_widget_class_install_action (widget_class, "task.create", NULL, create_action);
  gtk_widget_class_install_action (widget_class, "task.choose-file", NULL, choose_file_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
agent_task_editor_init (AgentTaskEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  agent_admin_combo_row_show_whole (self->type_row);

  self->cancellable = g_cancellable_new ();
  self->flow_names = gtk_string_list_new (NULL);
  self->owner_names = gtk_string_list_new (NULL);
  self->owner_extensions = g_ptr_array_new_with_free_func (g_free);
  self->allot_checks = g_ptr_array_new ();
  self->numbers = g_ptr_array_new_with_free_func (task_number_free);

  gtk_string_list_append (self->owner_names, _("You"));
  g_ptr_array_add (self->owner_extensions, g_strdup (""));
  adw_combo_row_set_model (self->owner_row, G_LIST_MODEL (self->owner_names));
  gtk_widget_add_css_class (GTK_WIDGET (self), "task-editor");
  on_type_changed_cb (self);
}

/**
 * agent_task_editor_new:
 * @client: the administrator's client
 * @flows: the call flows (#BbhCallFlow) findCallFlow listed
 * @company_number: (nullable): the company's number, to make accounts of extensions
 *
 * Returns: (transfer none): the editor; present it
 */
AgentTaskEditor *
agent_task_editor_new (BbhClient  *client,
                       GListModel *flows,
                       const char *company_number)
{
  AgentTaskEditor *self;
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (BBH_IS_CLIENT (client), NULL);
  g_return_val_if_fail (flows == NULL || G_IS_LIST_MODEL (flows), NULL);

  self = g_object_new (AGENT_TYPE_TASK_EDITOR, NULL);
  self->client = g_object_ref (client);
  self->company_number = g_strdup (company_number);
  if (flows != NULL)
    {
      self->flows = g_object_ref (flows);
      /* findCallFlow has a row per task and flow: each flow is offered once */
      for (guint i = 0; i < g_list_model_get_n_items (flows); i++)
        {
          g_autoptr(BbhCallFlow) flow = g_list_model_get_item (flows, i);
          const char *name = bbh_call_flow_get_name (flow);

          if (name == NULL || *name == '\0' || g_hash_table_contains (names, name))
            continue;
          g_hash_table_add (names, (gpointer) name);
          gtk_string_list_append (self->flow_names, name);
        }
    }
  adw_combo_row_set_model (self->flow_row, G_LIST_MODEL (self->flow_names));

  bbh_client_get_extensions_async (client, self->cancellable, on_get_extensions_cb, g_object_ref (self));
  return self;
}

/**
 * agent_task_editor_load_file:
 * @self: the editor
 * @file: a CSV file of numbers
 * @encoding: its encoding, or %AGENT_CSV_ENCODING_AUTO
 *
 * What choosing a file does: reads it with a progress bar, checks it against the blacklist and
 * shows how many numbers are ready and which lines are left out.
 */
void
agent_task_editor_load_file (AgentTaskEditor  *self,
                             GFile            *file,
                             AgentCsvEncoding  encoding)
{
  g_return_if_fail (AGENT_IS_TASK_EDITOR (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->busy)
    return;

  g_free (self->file_name);
  self->file_name = g_file_get_basename (file);
  g_ptr_array_set_size (self->numbers, 0);
  g_clear_pointer (&self->table, agent_csv_table_unref);
  show_error (self, NULL);
  gtk_progress_bar_set_show_text (self->progress_bar, FALSE);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  set_busy (self, TRUE);

  self->pending = 1;
  agent_csv_read_file_async (file, encoding, on_file_progress_cb, g_object_ref (self), g_object_unref,
                             self->cancellable, on_file_read_cb, g_object_ref (self));
  if (self->blacklist == NULL)
    {
      self->pending++;
      self->blacklist_failed = FALSE;
      bbh_client_get_blacklists_async (self->client, self->cancellable, on_blacklist_cb, g_object_ref (self));
    }
}

gboolean
agent_task_editor_get_busy (AgentTaskEditor *self)
{
  g_return_val_if_fail (AGENT_IS_TASK_EDITOR (self), FALSE);

  return self->busy;
}

/* Numbers of the file that will be sent. */
guint
agent_task_editor_get_n_numbers (AgentTaskEditor *self)
{
  g_return_val_if_fail (AGENT_IS_TASK_EDITOR (self), 0);

  return self->numbers->len;
}

/* Lines of the file left out. */
guint
agent_task_editor_get_n_problems (AgentTaskEditor *self)
{
  g_return_val_if_fail (AGENT_IS_TASK_EDITOR (self), 0);

  return self->table != NULL ? agent_csv_table_get_n_problems (self->table) : 0;
}

/**
 * agent_task_editor_get_problems:
 *
 * Returns: (nullable): the report of the lines left out, as shown
 */
const char *
agent_task_editor_get_problems (AgentTaskEditor *self)
{
  g_return_val_if_fail (AGENT_IS_TASK_EDITOR (self), NULL);

  return self->problems;
}

/* What ticking agents in the Assigned Agents list does; FALSE while they are not listed yet. */
gboolean
agent_task_editor_set_agents (AgentTaskEditor    *self,
                              const char * const *extensions)
{
  g_return_val_if_fail (AGENT_IS_TASK_EDITOR (self), FALSE);

  if (self->allot_checks->len == 0)
    return FALSE;
  for (guint i = 0; i < self->allot_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->allot_checks, i);
      const char *extension = g_object_get_data (G_OBJECT (check), "agent-extension");

      gtk_check_button_set_active (check, extensions != NULL && g_strv_contains (extensions, extension));
    }
  return TRUE;
}

const char *
agent_task_editor_get_task_name (AgentTaskEditor *self)
{
  g_return_val_if_fail (AGENT_IS_TASK_EDITOR (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->name_row));
}
