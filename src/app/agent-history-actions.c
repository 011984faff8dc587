/* agent-history-actions.c — what a row of the call history offers: call back, open customer,
 * a memo, the recording (play, download) and, for administrators, blocking the number
 *
 * Memos go through the outbox, which delivers them even after a crash; a download asks where
 * to save (starting in the `recordings-folder` setting, which remembers the choice) and shows
 * its progress on the page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "agent-history-page"

#include "config.h"

#include <glib/gi18n.h>

#include "agent-history-page-private.h"
#include "agent-outbox.h"
#include "agent-popup-manager.h"

static void
update_download (AgentHistoryPage *self)
{
  double fraction = agent_recording_download_get_fraction (self->download);

  if (fraction < 0)
    gtk_progress_bar_pulse (self->download_progress);
  else
    gtk_progress_bar_set_fraction (self->download_progress, fraction);
}

static void
on_download_finished_cb (AgentHistoryPage       *self,
                         const GError           *error,
                         AgentRecordingDownload *download)
{
  g_autofree char *name = g_file_get_basename (agent_recording_download_get_dest (download));
  g_autofree char *message = NULL;

  if (download != self->download)
    return;

  gtk_revealer_set_reveal_child (self->download_revealer, FALSE);
  if (error == NULL)
    {
      gtk_progress_bar_set_fraction (self->download_progress, 1.0);
      message = g_strdup_printf (_("Recording saved as “%s”"), name);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    message = g_strdup_printf (_("The recording could not be downloaded: %s"), error->message);

  if (message != NULL)
    agent_history_page_toast (self, message);
}

/**
 * agent_history_page_download_to:
 * @self: a #AgentHistoryPage
 * @record: a call record with a recording
 * @dest: where to save its MP3
 *
 * Downloads the recording with a progress bar on the page; what the file chooser leads to.
 *
 * Returns: (transfer none) (nullable): the download, %NULL when logged out
 */
AgentRecordingDownload *
agent_history_page_download_to (AgentHistoryPage *self,
                                BbhCallRecord    *record,
                                GFile            *dest)
{
  BbhClient *client = agent_history_page_client (self);
  g_autofree char *name = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (AGENT_IS_HISTORY_PAGE (self), NULL);
  g_return_val_if_fail (BBH_IS_CALL_RECORD (record), NULL);
  g_return_val_if_fail (G_IS_FILE (dest), NULL);

  if (client == NULL)
    return NULL;

  if (self->download != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->download, self);
      agent_recording_download_cancel (self->download);
      g_clear_object (&self->download);
    }

  self->download = agent_recording_download_new (client, bbh_call_record_get_id (record), dest);
  g_signal_connect_object (self->download, "notify::received",
                           G_CALLBACK (update_download), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->download, "finished",
                           G_CALLBACK (on_download_finished_cb), self, G_CONNECT_SWAPPED);

  name = g_file_get_basename (dest);
  label = g_strdup_printf (_("Downloading “%s”"), name);
  gtk_label_set_label (self->download_label, label);
  gtk_progress_bar_set_fraction (self->download_progress, 0.0);
  gtk_revealer_set_reveal_child (self->download_revealer, TRUE);

  agent_recording_download_start (self->download);
  return self->download;
}

static GSettings *
get_settings (AgentHistoryPage *self)
{
  return self->application != NULL ? agent_application_get_settings (self->application) : NULL;
}

static void
on_chooser_response_cb (GtkNativeDialog  *dialog,
                        int               response,
                        gpointer          user_data)
{
  g_autoptr(AgentHistoryPage) self = g_object_get_data (G_OBJECT (dialog), "page");
  BbhCallRecord *record = g_object_get_data (G_OBJECT (dialog), "record");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GFile) folder = g_file_get_parent (file);
      GSettings *settings = get_settings (self);

      if (settings != NULL && folder != NULL && g_file_peek_path (folder) != NULL)
        g_settings_set_string (settings, "recordings-folder", g_file_peek_path (folder));
      agent_history_page_download_to (self, record, file);
    }

  g_object_set_data (G_OBJECT (dialog), "page", NULL);
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
choose_and_download (AgentHistoryPage *self,
                     BbhCallRecord    *record)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *chooser;
  GSettings *settings = get_settings (self);
  g_autofree char *folder = settings ? g_settings_get_string (settings, "recordings-folder") : NULL;
  g_autofree char *name = agent_recording_download_dup_file_name (record);
  g_autoptr(GFile) dir = NULL;

  chooser = gtk_file_chooser_native_new (_("Save Recording"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  if (folder == NULL || *folder == '\0')
    {
      const char *downloads = g_get_user_special_dir (G_USER_DIRECTORY_DOWNLOAD);

      g_free (folder);
      folder = g_strdup (downloads != NULL ? downloads : g_get_home_dir ());
    }
  dir = g_file_new_for_path (folder);
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), dir, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  g_object_set_data_full (G_OBJECT (chooser), "page", g_object_ref (self), g_object_unref);
  g_object_set_data_full (G_OBJECT (chooser), "record", g_object_ref (record), g_object_unref);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response_cb), NULL);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/**
 * agent_history_page_player_download_cb:
 * @self: the page
 * @cdr_id: the call whose recording the player bar has open
 *
 * The player bar's download button: asks where to save the recording, then downloads it.
 */
void
agent_history_page_player_download_cb (AgentHistoryPage *self,
                                       const char       *cdr_id)
{
  if (self->playing != NULL)
    choose_and_download (self, self->playing);
}

/* ---- row actions ---- */

static void
play_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AgentHistoryPage *self = AGENT_HISTORY_PAGE (widget);
  BbhCallRecord *record = agent_history_page_record_at (self, g_variant_get_uint32 (parameter));

  if (record != NULL)
    agent_history_page_play (self, record);
}

static void
call_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AgentHistoryPage *self = AGENT_HISTORY_PAGE (widget);
  BbhCallRecord *record = agent_history_page_record_at (self, g_variant_get_uint32 (parameter));

  if (record != NULL && bbh_call_record_get_phone (record) != NULL)
    gtk_widget_activate_action (widget, "app.dial", "s", bbh_call_record_get_phone (record));
}

static void
open_customer_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  AgentHistoryPage *self = AGENT_HISTORY_PAGE (widget);
  BbhCallRecord *record = agent_history_page_record_at (self, g_variant_get_uint32 (parameter));

  if (record != NULL && bbh_call_record_get_phone (record) != NULL)
    gtk_widget_activate_action (widget, "app.open-customer", "s",
                                bbh_call_record_get_phone (record));
}

static void
download_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  AgentHistoryPage *self = AGENT_HISTORY_PAGE (widget);
  BbhCallRecord *record = agent_history_page_record_at (self, g_variant_get_uint32 (parameter));

  if (record != NULL && bbh_call_record_has_recording (record))
    choose_and_download (self, record);
}

static void
cancel_download_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  AgentHistoryPage *self = AGENT_HISTORY_PAGE (widget);

  if (self->download != NULL)
    agent_recording_download_cancel (self->download);
}

/* The memo: a small dialog, then the outbox, which delivers it even after a crash. */
static void
on_memo_queued_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(AgentHistoryPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (agent_outbox_add_finish (AGENT_OUTBOX (object), result, &error) <= 0 && error != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The memo could not be saved: %s"),
                                                  error->message);
      agent_history_page_toast (self, message);
    }
  else
    agent_history_page_toast (self, _("Memo saved"));
}

static void
on_memo_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     AgentHistoryPage *self)
{
  GtkTextBuffer *buffer = g_object_get_data (G_OBJECT (dialog), "buffer");
  const char *phone = g_object_get_data (G_OBJECT (dialog), "phone");
  g_autofree char *text = NULL;
  GtkTextIter start, end;
  AgentPopupManager *manager;
  AgentOutbox *outbox = NULL;

  if (!g_str_equal (response, "save"))
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  if (*text == '\0')
    return;

  manager = self->application != NULL
            ? agent_popup_manager_get_for_application (GTK_APPLICATION (self->application))
            : NULL;
  if (manager != NULL)
    outbox = agent_popup_manager_get_outbox (manager);
  if (outbox == NULL)
    {
      agent_history_page_toast (self, _("The memo could not be saved: the outbox is not open yet. Try again in a moment."));
      return;
    }

  agent_outbox_add_memo_async (outbox, phone, text, NULL, NULL,
                               on_memo_queued_cb, g_object_ref (self));
}

static void
memo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AgentHistoryPage *self = AGENT_HISTORY_PAGE (widget);
  BbhCallRecord *record = agent_history_page_record_at (self, g_variant_get_uint32 (parameter));
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog, *scrolled, *view;
  const char *phone;
  g_autofree char *heading = NULL;

  if (record == NULL || (phone = bbh_call_record_get_phone (record)) == NULL || *phone == '\0')
    return;

  heading = g_strdup_printf (_("Memo for %s"), phone);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, NULL);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  view = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Memo"), -1);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 100);
  gtk_widget_add_css_class (scrolled, "card");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scrolled);

  g_object_set_data (G_OBJECT (dialog), "buffer", gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)));
  g_object_set_data_full (G_OBJECT (dialog), "phone", g_strdup (phone), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_memo_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (view);
}

/* Blocking a number: administrators only, after a confirmation. */
static void
on_blocked_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(AgentHistoryPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!bbh_client_add_blacklists_finish (BBH_CLIENT (object), result, &error))
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = g_strdup_printf (_("The number could not be blocked: %s"), error->message);
      agent_history_page_toast (self, message);
    }
  else
    agent_history_page_toast (self, _("Number blocked"));
}

static void
on_block_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      AgentHistoryPage *self)
{
  const char *phone = g_object_get_data (G_OBJECT (dialog), "phone");
  const char *phones[] = { phone, NULL };
  BbhClient *client = agent_history_page_client (self);

  if (!g_str_equal (response, "block") || client == NULL)
    return;

  bbh_client_add_blacklists_async (client, phones, self->cancellable,
                                   on_blocked_cb, g_object_ref (self));
}

static void
block_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  AgentHistoryPage *self = AGENT_HISTORY_PAGE (widget);
  BbhCallRecord *record = agent_history_page_record_at (self, g_variant_get_uint32 (parameter));
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;
  const char *phone;
  g_autofree char *heading = NULL;

  if (!agent_history_page_is_admin (self) || record == NULL ||
      (phone = bbh_call_record_get_phone (record)) == NULL || *phone == '\0')
    return;

  heading = g_strdup_printf (_("Block %s?"), phone);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   _("Calls from this number will be refused for the whole company. "
                                     "It can be unblocked on the Blacklist page."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "block", _("_Block"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "block",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "phone", g_strdup (phone), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_block_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * agent_history_page_class_init_actions:
 * @widget_class: the page's class
 *
 * Installs the row actions (`history.play`, `history.call`, … with the row's position).
 */
void
agent_history_page_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "history.play", "u", play_action);
  gtk_widget_class_install_action (widget_class, "history.call", "u", call_action);
  gtk_widget_class_install_action (widget_class, "history.open-customer", "u", open_customer_action);
  gtk_widget_class_install_action (widget_class, "history.memo", "u", memo_action);
  gtk_widget_class_install_action (widget_class, "history.download", "u", download_action);
  gtk_widget_class_install_action (widget_class, "history.block", "u", block_action);
  gtk_widget_class_install_action (widget_class, "history.cancel-download", NULL,
                                   cancel_download_action);
}
