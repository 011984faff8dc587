/* agent-blacklist-page.c — the company's blacklist: list, search, add, remove, import, export
 *
 * getBlacklists answers the whole list at once (the document has no paging and no search), so
 * the page holds it and filters it as the administrator types. Numbers go to the server in
 * batches of AGENT_ADMIN_PHONE_BATCH, one request at a time: a file of 10 000 numbers is twenty
 * requests, and when one fails the import stops there, says how many numbers were added and
 * which batch failed, and offers to retry from that batch. Nothing is sent for a file whose
 * problems the administrator did not accept.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "agent-blacklist-page"

#include "config.h"

#include <glib/gi18n.h>

#include "bbh.h"

#include "agent-admin-private.h"
#include "agent-blacklist-page.h"
#include "agent-csv.h"
#include "agent-page.h"

typedef enum
{
  JOB_ADD,
  JOB_REMOVE,
} JobKind;

typedef struct
{
  JobKind    kind;
  GPtrArray *phones;   /* the numbers to send, in order */
  guint      done;     /* how many the server took */
  char      *source;   /* the file's name, or NULL */
} Job;

struct _AgentBlacklistPage
{
  AdwBin              parent_instance;

  /* Template widgets */
  GtkWidget          *toolbar;
  GtkSearchEntry     *search_entry;
  GtkRevealer        *progress_revealer;
  GtkLabel           *progress_label;
  GtkProgressBar     *progress_bar;
  GtkStack           *stack;
  AdwStatusPage      *denied_page;
  AdwStatusPage      *error_page;
  GtkColumnView      *column_view;
  GtkMultiSelection  *selection;
  GtkFilterListModel *filter_model;
  GtkStringFilter    *filter;
  GtkLabel           *summary_label;

  /* Owned */
  AgentSession       *session;
  GCancellable       *cancellable;       /* loading the list */
  GCancellable       *job_cancellable;   /* reading a file, sending batches */
  GListModel         *entries;
  Job                *job;
  GtkNativeDialog    *chooser;

  guint               busy : 1;
  guint               stop_requested : 1;
};

static void page_iface_init (AgentPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AgentBlacklistPage, agent_blacklist_page, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (AGENT_TYPE_PAGE, page_iface_init))

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void send_next_batch (AgentBlacklistPage *self);
static void reload (AgentBlacklistPage *self);

static void
job_free (Job *job)
{
  g_clear_pointer (&job->phones, g_ptr_array_unref);
  g_free (job->source);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Job, job_free)

static char *
added_text_cb (GtkListItem *item,
               gpointer     entry)
{
  const char *text;

  if (!BBH_IS_BLACKLIST_ENTRY (entry))
    return g_strdup ("");
  text = bbh_blacklist_entry_get_member (entry, "blaCreateTime");
  return g_strdup (text != NULL ? text : "");
}

static BbhClient *
get_client (AgentBlacklistPage *self)
{
  return self->session != NULL ? agent_session_get_client (self->session) : NULL;
}

static void
set_busy (AgentBlacklistPage *self,
          gboolean            busy)
{
  busy = !!busy;
  if (self->busy == busy)
    return;
  self->busy = busy;
  gtk_revealer_set_reveal_child (self->progress_revealer, busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "blacklist.add", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "blacklist.import", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "blacklist.remove", !busy &&
                                 !gtk_bitset_is_empty (gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection))));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "blacklist.stop-import", busy);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
set_progress (AgentBlacklistPage *self,
              const char         *text,
              double              fraction)
{
  gtk_label_set_label (self->progress_label, text);
  gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (fraction, 0.0, 1.0));
}

static void
update_summary (AgentBlacklistPage *self)
{
  guint total = self->entries != NULL ? g_list_model_get_n_items (self->entries) : 0;
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  g_autofree char *total_text = agent_admin_format_count (total);
  g_autofree char *text = NULL;

  if (shown == total)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s number", "%s numbers", total),
                            total_text);
  else
    {
      g_autofree char *shown_text = agent_admin_format_count (shown);

      /* Translators: "12 of 10,000 numbers", while searching */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s of %s number", "%s of %s numbers", total),
                              shown_text, total_text);
    }
  gtk_label_set_label (self->summary_label, text);
}

static void
on_search_changed_cb (AgentBlacklistPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *digits = NULL;

  /* "138 0013" finds 13800138000: spaces and dashes are how people write numbers */
  digits = g_strdelimit (g_strdup (text), " -", ' ');
  {
    GString *compact = g_string_new (NULL);

    for (const char *p = digits; *p != '\0'; p++)
      if (*p != ' ')
        g_string_append_c (compact, *p);
    gtk_string_filter_set_search (self->filter, compact->len > 0 ? compact->str : NULL);
    g_string_free (compact, TRUE);
  }
  update_summary (self);
}

static void
on_selection_changed_cb (AgentBlacklistPage *self)
{
  GtkBitset *selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "blacklist.remove",
                                 !self->busy && !gtk_bitset_is_empty (selected));
  gtk_bitset_unref (selected);
}

static void
show_entries (AgentBlacklistPage *self)
{
  gtk_filter_list_model_set_model (self->filter_model, self->entries);
  update_summary (self);
  gtk_stack_set_visible_child_name (self->stack,
                                    g_list_model_get_n_items (self->entries) > 0 ? "list" : "empty");
  on_selection_changed_cb (self);
}

static void
on_get_blacklists_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(AgentBlacklistPage) self = user_data;
  g_autoptr(GListModel) entries = NULL;
  g_autoptr(GError) error = NULL;

  entries = bbh_client_get_blacklists_finish (BBH_CLIENT (object), result, NULL, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (entries == NULL)
    {
      gtk_widget_set_visible (self->toolbar, !agent_admin_error_is_denied (error));
      agent_admin_show_failure (self->stack, self->denied_page, self->error_page, error);
      agent_page_loaded (AGENT_PAGE (self), 0);
      return;
    }

  gtk_widget_set_visible (self->toolbar, TRUE);
  g_set_object (&self->entries, entries);
  show_entries (self);
  agent_page_loaded (AGENT_PAGE (self), g_list_model_get_n_items (entries));
}

static void
reload (AgentBlacklistPage *self)
{
  BbhClient *client = get_client (self);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (client == NULL)
    {
      agent_page_loaded (AGENT_PAGE (self), 0);
      return;
    }

  self->cancellable = g_cancellable_new ();
  if (self->entries == NULL)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  bbh_client_get_blacklists_async (client, self->cancellable, on_get_blacklists_cb,
                                   g_object_ref (self));
}

static void
agent_blacklist_page_load (AgentPage    *page,
                           AgentSession *session)
{
  AgentBlacklistPage *self = AGENT_BLACKLIST_PAGE (page);

  g_set_object (&self->session, session);
  reload (self);
}

static void
page_iface_init (AgentPageInterface *iface)
{
  iface->load = agent_blacklist_page_load;
}

/* Sending numbers in batches ------------------------------------------------------------- */

static void
finish_job (AgentBlacklistPage *self)
{
  g_clear_pointer (&self->job, job_free);
  g_clear_object (&self->job_cancellable);
  self->stop_requested = FALSE;
  set_busy (self, FALSE);
  reload (self);
}

static void
on_job_failed_response_cb (AgentBlacklistPage *self,
                           const char         *response)
{
  if (self->job == NULL)
    return;

  if (g_str_equal (response, "retry"))
    {
      self->job_cancellable = g_cancellable_new ();
      set_busy (self, TRUE);
      send_next_batch (self);
      return;
    }
  finish_job (self);
}

static void
report_failed_batch (AgentBlacklistPage *self,
                     const GError       *error)
{
  Job *job = self->job;
  guint total = job->phones->len;
  guint batch = job->done / AGENT_ADMIN_PHONE_BATCH + 1;
  guint first = job->done + 1;
  guint last = MIN (job->done + AGENT_ADMIN_PHONE_BATCH, total);
  g_autofree char *done_text = agent_admin_format_count (job->done);
  g_autofree char *total_text = agent_admin_format_count (total);
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  g_clear_object (&self->job_cancellable);
  /* the job stays, so that Retry sends the rest; the list shows what did arrive */
  set_busy (self, FALSE);
  g_cancellable_cancel (self->cancellable);
  reload (self);

  if (job->kind == JOB_ADD)
    body = g_strdup_printf (_("%s of %s numbers were added to the blacklist. Batch %u (numbers %u to %u) "
                              "failed and nothing after it was sent:\n\n%s"),
                            done_text, total_text, batch, first, last, error->message);
  else
    body = g_strdup_printf (_("%s of %s numbers were removed from the blacklist. Batch %u (numbers %u to %u) "
                              "failed and nothing after it was sent:\n\n%s"),
                            done_text, total_text, batch, first, last, error->message);

  dialog = agent_admin_dialog_new (GTK_WIDGET (self),
                                   job->kind == JOB_ADD ? _("The Import Stopped")
                                                        : _("The Removal Stopped"),
                                   body);
  adw_message_dialog_add_responses (dialog,
                                    "close", _("_Close"),
                                    "retry", _("_Retry the Rest"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "retry", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "retry");
  adw_message_dialog_set_close_response (dialog, "close");
  gtk_widget_add_css_class (GTK_WIDGET (dialog), "blacklist-batch-failed");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_job_failed_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_batch_sent_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(AgentBlacklistPage) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok;
  Job *job = self->job;

  if (job != NULL && job->kind == JOB_REMOVE)
    ok = bbh_client_del_blacklists_finish (BBH_CLIENT (object), result, &error);
  else
    ok = bbh_client_add_blacklists_finish (BBH_CLIENT (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || job == NULL)
    return;

  if (!ok)
    {
      report_failed_batch (self, error);
      return;
    }

  job->done = MIN (job->done + AGENT_ADMIN_PHONE_BATCH, job->phones->len);
  send_next_batch (self);
}

static void
send_next_batch (AgentBlacklistPage *self)
{
  Job *job = self->job;
  BbhClient *client = get_client (self);
  g_autofree char *done_text = NULL;
  g_autofree char *total_text = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) batch = NULL;
  guint total = job->phones->len;

  done_text = agent_admin_format_count (job->done);
  total_text = agent_admin_format_count (total);

  if (job->done >= total || self->stop_requested || client == NULL)
    {
      if (job->kind == JOB_ADD)
        text = g_strdup_printf (self->stop_requested
                                  ? _("Stopped: %s of %s numbers were added")
                                  : g_dngettext (GETTEXT_PACKAGE, "%s of %s number added",
                                                 "%s of %s numbers added", total),
                                done_text, total_text);
      else
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s of %s number removed",
                                             "%s of %s numbers removed", total),
                                done_text, total_text);
      agent_admin_toast (GTK_WIDGET (self), text);
      finish_job (self);
      return;
    }

  if (job->kind == JOB_ADD)
    text = g_strdup_printf (_("Adding numbers: %s of %s"), done_text, total_text);
  else
    text = g_strdup_printf (_("Removing numbers: %s of %s"), done_text, total_text);
  set_progress (self, text, (double) job->done / total);

  batch = g_ptr_array_new ();
  for (guint i = job->done; i < total && i < job->done + AGENT_ADMIN_PHONE_BATCH; i++)
    g_ptr_array_add (batch, g_ptr_array_index (job->phones, i));
  g_ptr_array_add (batch, NULL);

  if (job->kind == JOB_ADD)
    bbh_client_add_blacklists_async (client, (const char * const *) batch->pdata,
                                     self->job_cancellable, on_batch_sent_cb, g_object_ref (self));
  else
    bbh_client_del_blacklists_async (client, (const char * const *) batch->pdata,
                                     self->job_cancellable, on_batch_sent_cb, g_object_ref (self));
}

/* Takes @phones (normalized numbers) and sends them. */
static void
start_job (AgentBlacklistPage *self,
           JobKind             kind,
           GPtrArray          *phones,
           const char         *source)
{
  Job *job;

  /* a failed job whose dialog was left open is given up */
  g_clear_pointer (&self->job, job_free);

  job = g_new0 (Job, 1);
  job->kind = kind;
  job->phones = g_ptr_array_ref (phones);
  job->source = g_strdup (source);
  self->job = job;
  self->stop_requested = FALSE;

  if (self->job_cancellable == NULL)
    self->job_cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  send_next_batch (self);
}

/* Adding typed numbers ------------------------------------------------------------------- */

typedef struct
{
  AdwMessageDialog *dialog;
  GtkTextBuffer    *buffer;
  GtkLabel         *hint;
} AddDialog;

static void
on_add_text_changed_cb (GtkTextBuffer *buffer,
                        gpointer       user_data)
{
  AddDialog *add = user_data;
  g_autoptr(GPtrArray) invalid = NULL;
  g_autoptr(GPtrArray) phones = NULL;
  g_autofree char *text = NULL;
  g_autofree char *hint = NULL;
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  phones = agent_admin_split_phones (text, &invalid);

  if (invalid->len > 0)
    {
      /* Translators: %s is what was typed where a phone number should be */
      hint = g_strdup_printf (_("“%s” is not a phone number."), (char *) g_ptr_array_index (invalid, 0));
      gtk_widget_add_css_class (GTK_WIDGET (add->hint), "error");
    }
  else
    {
      hint = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u number to add", "%u numbers to add",
                                           phones->len),
                              phones->len);
      gtk_widget_remove_css_class (GTK_WIDGET (add->hint), "error");
    }
  gtk_label_set_label (add->hint, hint);
  adw_message_dialog_set_response_enabled (add->dialog, "add", invalid->len == 0 && phones->len > 0);
}

static void
on_add_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    gpointer          user_data)
{
  AgentBlacklistPage *self = AGENT_BLACKLIST_PAGE (user_data);
  AddDialog *add = g_object_get_data (G_OBJECT (dialog), "agent-add-dialog");
  g_autoptr(GPtrArray) invalid = NULL;
  g_autoptr(GPtrArray) phones = NULL;
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  if (!g_str_equal (response, "add") || self->busy)
    return;

  gtk_text_buffer_get_bounds (add->buffer, &start, &end);
  text = gtk_text_buffer_get_text (add->buffer, &start, &end, FALSE);
  phones = agent_admin_split_phones (text, &invalid);
  if (invalid->len == 0 && phones->len > 0)
    start_job (self, JOB_ADD, phones, NULL);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  AgentBlacklistPage *self = AGENT_BLACKLIST_PAGE (widget);
  AddDialog *add = g_new0 (AddDialog, 1);
  GtkWidget *box, *scrolled, *view, *hint;

  add->dialog = agent_admin_dialog_new (widget, _("Add Numbers to the Blacklist"),
                                        _("One number a line, or several separated by commas. "
                                          "Calls from and to these numbers will be refused."));
  adw_message_dialog_add_responses (add->dialog,
                                    "cancel", _("_Cancel"),
                                    "add", _("_Add"),
                                    NULL);
  adw_message_dialog_set_response_appearance (add->dialog, "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (add->dialog, "add", FALSE);
  adw_message_dialog_set_close_response (add->dialog, "cancel");
  gtk_widget_add_css_class (GTK_WIDGET (add->dialog), "blacklist-add-dialog");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 120);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_add_css_class (scrolled, "card");
  view = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 6);
  gtk_widget_add_css_class (view, "numeric");
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  hint = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (hint), 0);
  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_widget_add_css_class (hint, "caption");
  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_box_append (GTK_BOX (box), hint);
  adw_message_dialog_set_extra_child (add->dialog, box);

  add->buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  add->hint = GTK_LABEL (hint);
  g_object_set_data_full (G_OBJECT (add->dialog), "agent-add-dialog", add, g_free);
  g_signal_connect (add->buffer, "changed", G_CALLBACK (on_add_text_changed_cb), add);
  g_signal_connect_object (add->dialog, "response", G_CALLBACK (on_add_response_cb), self, 0);
  on_add_text_changed_cb (add->buffer, add);

  gtk_window_present (GTK_WINDOW (add->dialog));
  gtk_widget_grab_focus (view);
}

/* Removing ----------------------------------------------------------------------------------- */

static GPtrArray *
selected_phones (AgentBlacklistPage *self)
{
  GtkBitset *selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  GPtrArray *phones = g_ptr_array_new_with_free_func (g_free);
  GtkBitsetIter iter;
  guint position;

  if (gtk_bitset_iter_init_first (&iter, selected, &position))
    do
      {
        g_autoptr(BbhBlacklistEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

        if (entry != NULL && bbh_blacklist_entry_get_phone (entry) != NULL)
          g_ptr_array_add (phones, g_strdup (bbh_blacklist_entry_get_phone (entry)));
      }
    while (gtk_bitset_iter_next (&iter, &position));
  gtk_bitset_unref (selected);
  return phones;
}

static void
on_remove_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       gpointer          user_data)
{
  AgentBlacklistPage *self = AGENT_BLACKLIST_PAGE (user_data);
  GPtrArray *phones = g_object_get_data (G_OBJECT (dialog), "agent-phones");

  if (g_str_equal (response, "remove") && !self->busy && phones != NULL && phones->len > 0)
    start_job (self, JOB_REMOVE, phones, NULL);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AgentBlacklistPage *self = AGENT_BLACKLIST_PAGE (widget);
  g_autoptr(GPtrArray) phones = selected_phones (self);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  if (phones->len == 0)
    return;

  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Remove %u Number?", "Remove %u Numbers?",
                                          phones->len),
                             phones->len);
  if (phones->len == 1)
    body = g_strdup_printf (_("Calls from and to %s will no longer be refused."),
                            (char *) g_ptr_array_index (phones, 0));
  else
    body = g_strdup (_("Calls from and to these numbers will no longer be refused."));

  dialog = agent_admin_dialog_new (widget, heading, body);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (dialog, "cancel");
  gtk_widget_add_css_class (GTK_WIDGET (dialog), "blacklist-remove-dialog");
  g_object_set_data_full (G_OBJECT (dialog), "agent-phones", g_steal_pointer (&phones),
                          (GDestroyNotify) g_ptr_array_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

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
      start_job (self, JOB_ADD, phones, source);
      return;
    }

  /* Cancelled on the report: nothing was sent. */
  g_clear_object (&self->job_cancellable);
  set_busy (self, FALSE);
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
      set_busy (self, FALSE);
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
      start_job (self, JOB_ADD, phones, name);
      return;
    }

  if (phones->len == 0)
    {
      g_clear_object (&self->job_cancellable);
      set_busy (self, FALSE);
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

  set_progress (self, _("Waiting for a decision on the lines that cannot be imported"), 0);
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

static void
on_import_chooser_response_cb (GtkNativeDialog *chooser,
                               int              response,
                               gpointer         user_data)
{
  AgentBlacklistPage *self = AGENT_BLACKLIST_PAGE (user_data);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        agent_blacklist_page_import_file (self, file, encoding_from_choice (GTK_FILE_CHOOSER (chooser)));
    }
  g_clear_object (&self->chooser);
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
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AgentBlacklistPage *self = AGENT_BLACKLIST_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) filter = csv_filter ();
  GtkFileChooserNative *chooser;

  if (self->chooser != NULL || self->busy)
    return;

  chooser = gtk_file_chooser_native_new (_("Import Numbers"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Import"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  add_encoding_choice (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_import_chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
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

static void
on_export_chooser_response_cb (GtkNativeDialog *chooser,
                               int              response,
                               gpointer         user_data)
{
  AgentBlacklistPage *self = AGENT_BLACKLIST_PAGE (user_data);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      AgentCsvEncoding encoding = encoding_from_choice (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        agent_blacklist_page_export_file (self, file,
                                          encoding == AGENT_CSV_ENCODING_GBK ? encoding
                                                                             : AGENT_CSV_ENCODING_UTF8);
    }
  g_clear_object (&self->chooser);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AgentBlacklistPage *self = AGENT_BLACKLIST_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) filter = csv_filter ();
  GtkFileChooserNative *chooser;

  if (self->chooser != NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Export the Blacklist"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  /* Translators: the suggested file name of an exported blacklist */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("blacklist.csv"));
  add_encoding_choice (GTK_FILE_CHOOSER (chooser), FALSE);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_export_chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  reload (AGENT_BLACKLIST_PAGE (widget));
}

static void
stop_import_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AgentBlacklistPage *self = AGENT_BLACKLIST_PAGE (widget);

  /* A batch on its way is let finish, so that the count of what arrived stays true. */
  if (self->job != NULL)
    self->stop_requested = TRUE;
  else if (self->job_cancellable != NULL)
    {
      /* still reading the file: nothing was sent */
      g_cancellable_cancel (self->job_cancellable);
      g_clear_object (&self->job_cancellable);
      set_busy (self, FALSE);
    }
}

/* GObject ------------------------------------------------------------------------------------ */

static void
agent_blacklist_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  AgentBlacklistPage *self = AGENT_BLACKLIST_PAGE (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
agent_blacklist_page_dispose (GObject *object)
{
  AgentBlacklistPage *self = AGENT_BLACKLIST_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->job_cancellable);
  g_clear_object (&self->job_cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  g_clear_pointer (&self->job, job_free);
  g_clear_object (&self->entries);
  g_clear_object (&self->session);

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), AGENT_TYPE_BLACKLIST_PAGE);

  G_OBJECT_CLASS (agent_blacklist_page_parent_class)->dispose (object);
}

static void
agent_blacklist_page_class_init (AgentBlacklistPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = agent_blacklist_page_get_property;
  object_class->dispose = agent_blacklist_page_dispose;

  /**
   * AgentBlacklistPage:busy:
   *
   * Whether a file is being read or numbers are being sent.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (BBH_TYPE_BLACKLIST_ENTRY);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/babaihu/Agent/agent-blacklist-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AgentBlacklistPage, toolbar);
  gtk_widget_class_bind_template_child (widget_class, AgentBlacklistPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AgentBlacklistPage, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, AgentBlacklistPage, progress_label);
  gtk_widget_class_bind_template_child (widget_class, AgentBlacklistPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, AgentBlacklistPage, stack);
  gtk_widget_class_bind_template_child (widget_class, AgentBlacklistPage, denied_page);
  gtk_widget_class_bind_template_child (widget_class, AgentBlacklistPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, AgentBlacklistPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, AgentBlacklistPage, selection);
  gtk_widget_class_bind_template_child (widget_class, AgentBlacklistPage, filter_model);
  gtk_widget_class_bind_template_child (widget_class, AgentBlacklistPage, filter);
  gtk_widget_class_bind_template_child (widget_class, AgentBlacklistPage, summary_label);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, added_text_cb);

  gtk_widget_class_install_action (widget_class, "blacklist.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "blacklist.remove", NULL, remove_action);
  gtk_widget_class_install_action (widget_class, "blacklist.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "blacklist.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "blacklist.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "blacklist.stop-import", NULL, stop_import_action);
}

static void
agent_blacklist_page_init (AgentBlacklistPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "blacklist.remove", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "blacklist.stop-import", FALSE);
}

GtkWidget *
agent_blacklist_page_new (void)
{
  return g_object_new (AGENT_TYPE_BLACKLIST_PAGE, NULL);
}

/**
 * agent_blacklist_page_get_entries:
 *
 * Returns: (transfer none) (nullable): the blacklist as last loaded (#BbhBlacklistEntry)
 */
GListModel *
agent_blacklist_page_get_entries (AgentBlacklistPage *self)
{
  g_return_val_if_fail (AGENT_IS_BLACKLIST_PAGE (self), NULL);

  return self->entries;
}

gboolean
agent_blacklist_page_get_busy (AgentBlacklistPage *self)
{
  g_return_val_if_fail (AGENT_IS_BLACKLIST_PAGE (self), FALSE);

  return self->busy;
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
  set_progress (self, text, 0);
  set_busy (self, TRUE);
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

/* What typing in the search entry does. */
void
agent_blacklist_page_set_search (AgentBlacklistPage *self,
                                 const char         *text)
{
  g_return_if_fail (AGENT_IS_BLACKLIST_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  on_search_changed_cb (self);
}

/* Rows the search leaves on screen. */
guint
agent_blacklist_page_get_n_shown (AgentBlacklistPage *self)
{
  g_return_val_if_fail (AGENT_IS_BLACKLIST_PAGE (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
}

/* What clicking rows with Ctrl held does: selects the rows showing @phones. */
void
agent_blacklist_page_select_phones (AgentBlacklistPage *self,
                                    const char * const *phones)
{
  GListModel *model;

  g_return_if_fail (AGENT_IS_BLACKLIST_PAGE (self));

  model = G_LIST_MODEL (self->selection);
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(BbhBlacklistEntry) entry = g_list_model_get_item (model, i);

      if (phones != NULL && g_strv_contains (phones, bbh_blacklist_entry_get_phone (entry)))
        gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), i, FALSE);
    }
}
