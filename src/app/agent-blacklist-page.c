/* agent-blacklist-page.c — the company's blacklist: list, search, add, remove, import, export
 *
 * getBlacklists answers the whole list at once (the document has no paging and no search), so
 * the page holds it and filters it as the administrator types. Numbers go to the server in
 * batches of AGENT_ADMIN_PHONE_BATCH, one request at a time: a file of 10 000 numbers is twenty
 * requests, and when one fails the import stops there, says how many numbers were added and
 * which batch failed, and offers to retry from that batch. Nothing is sent for a file whose
 * problems the administrator did not accept. Reading and writing CSV files is in
 * agent-blacklist-import.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "agent-blacklist-page"

#include "config.h"

#include <glib/gi18n.h>

#include "bbh.h"

#include "agent-admin-private.h"
#include "agent-blacklist-page.h"
#include "agent-blacklist-page-private.h"
#include "agent-page.h"

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

void
agent_blacklist_page_set_busy (AgentBlacklistPage *self,
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

void
agent_blacklist_page_set_progress (AgentBlacklistPage *self,
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
  agent_blacklist_page_set_busy (self, FALSE);
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
      agent_blacklist_page_set_busy (self, TRUE);
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
  agent_blacklist_page_set_busy (self, FALSE);
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
  agent_blacklist_page_set_progress (self, text, (double) job->done / total);

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
void
agent_blacklist_page_start_job (AgentBlacklistPage *self,
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
  agent_blacklist_page_set_busy (self, TRUE);
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
    agent_blacklist_page_start_job (self, JOB_ADD, phones, NULL);
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
  /* the hint follows the dialog's width instead of widening it as the text changes */
  gtk_label_set_wrap_mode (GTK_LABEL (hint), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (hint), 1);
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
    agent_blacklist_page_start_job (self, JOB_REMOVE, phones, NULL);
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
      agent_blacklist_page_set_busy (self, FALSE);
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
  gtk_widget_class_install_action (widget_class, "blacklist.import", NULL, agent_blacklist_page_import_action);
  gtk_widget_class_install_action (widget_class, "blacklist.export", NULL, agent_blacklist_page_export_action);
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
