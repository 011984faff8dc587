/* agent-call-popup-actions.c — saving the memo and a new customer; the pop-up's buttons
 *
 * A memo is committed to the outbox (a disk write on its worker thread) and only then traced
 * as `memo-queued`; from then on a server outage, a crash or closing the pop-up cannot lose
 * it. Closing with a memo typed but not saved asks first.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "agent-call-popup"

#include "config.h"

#include "agent-application.h"
#include "agent-call-popup-private.h"
#include "agent-customer-editor.h"
#include "agent-phone.h"
#include "agent-trace.h"

/* ---- the memo ---- */

void
agent_call_popup_memo_changed (AgentCallPopup *self)
{
  g_autofree char *text = dup_memo_text (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "popup.save-memo",
                                 !self->saving && *text != '\0');
}

typedef struct
{
  AgentCallPopup *self;
  char           *phone;
  char           *text;
} SaveMemo;

static void
save_memo_free (SaveMemo *save)
{
  g_object_unref (save->self);
  g_free (save->phone);
  g_free (save->text);
  g_free (save);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SaveMemo, save_memo_free)

static void
on_memo_committed_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(SaveMemo) save = user_data;
  AgentCallPopup *self = save->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *now = NULL;
  g_autoptr(GDateTime) dt = NULL;

  self->saving = FALSE;
  g_clear_pointer (&self->saving_text, g_free);
  agent_outbox_add_finish (AGENT_OUTBOX (object), result, &error);

  if (error != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The memo was not saved: %s"), error->message);

      self->close_after_save = FALSE;
      gtk_label_set_label (self->memo_status_label, text);
      gtk_widget_add_css_class (GTK_WIDGET (self->memo_status_label), "error");
      agent_call_popup_memo_changed (self);
      return;
    }

  /* On disk now: the agent may close, crash or lose the network, the memo will arrive. */
  AGENT_TRACE ("memo-queued", "phone", g_variant_new_string (save->phone), NULL);

  /* The pop-up may already follow another call; then the memo is not this one's. */
  if (g_strcmp0 (save->phone, self->phone) == 0)
    {
      g_autofree char *current = dup_memo_text (self);

      if (g_strcmp0 (current, save->text) == 0)
        gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->memo_view), "", 0);

      dt = g_date_time_new_now_local ();
      now = g_date_time_format (dt, "%Y-%m-%d %H:%M:%S");
      gtk_list_box_prepend (self->memos_list, agent_call_popup_memo_row (save->text, now, _("You")));
      if (!g_str_equal (gtk_stack_get_visible_child_name (self->memos_stack), "loading"))
        set_section (self->memos_stack, self->memos_spinner, "list");

      gtk_widget_remove_css_class (GTK_WIDGET (self->memo_status_label), "error");
      gtk_label_set_label (self->memo_status_label,
                           agent_outbox_get_stalled (AGENT_OUTBOX (object))
                           ? _("Memo saved. It will be sent when the server is back.")
                           : _("Memo saved"));
    }

  agent_call_popup_memo_changed (self);

  if (self->close_after_save)
    {
      self->close_after_save = FALSE;
      self->close_confirmed = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
}

void
agent_call_popup_save_memo (AgentCallPopup *self)
{
  g_autofree char *text = dup_memo_text (self);
  SaveMemo *save;

  if (self->saving)
    return;

  if (*text == '\0' || self->phone == NULL)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  if (self->outbox == NULL)
    {
      gtk_label_set_label (self->memo_status_label,
                           _("The memo cannot be saved before the notes store is open. Try again in a moment."));
      return;
    }

  self->saving = TRUE;
  self->saving_text = g_strdup (text);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "popup.save-memo", FALSE);
  gtk_label_set_label (self->memo_status_label, _("Saving…"));

  save = g_new0 (SaveMemo, 1);
  save->self = g_object_ref (self);
  save->phone = g_strdup (self->phone);
  save->text = g_strdup (text);

  /* Not self->cancellable: a memo is kept even when the pop-up moves on to another call. */
  agent_outbox_add_memo_async (self->outbox, self->phone, text, NULL, NULL,
                               on_memo_committed_cb, save);
}

static void
save_memo_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  agent_call_popup_save_memo (AGENT_CALL_POPUP (widget));
}

static void
on_question_response_cb (AgentCallPopup *self,
                         const char     *response)
{
  self->question = NULL;

  if (g_strcmp0 (response, "save") == 0)
    {
      self->close_after_save = TRUE;
      agent_call_popup_save_memo (self);
    }
  else if (g_strcmp0 (response, "discard") == 0)
    {
      self->close_confirmed = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
  else
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->memo_view));
    }
}

void
agent_call_popup_ask_about_memo (AgentCallPopup *self)
{
  g_autofree char *number = agent_phone_format (self->phone);
  AdwMessageDialog *dialog;

  if (self->question != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->question));
      return;
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Save the Memo?"),
                                                       NULL));
  adw_message_dialog_format_body (dialog, _("The memo for %s has not been saved yet."), number);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_question_response_cb), self,
                           G_CONNECT_SWAPPED);
  self->question = GTK_WIDGET (dialog);
  /* Known to the application, like every window of it (tests and app. actions find it). */
  gtk_window_set_application (GTK_WINDOW (dialog), gtk_window_get_application (GTK_WINDOW (self)));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- actions ---- */

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  AgentCallPopup *self = AGENT_CALL_POPUP (widget);

  if (self->client == NULL)
    return;
  if (g_str_equal (gtk_stack_get_visible_child_name (self->customer_stack), "error"))
    agent_call_popup_lookup_customer (self);
  if (g_str_equal (gtk_stack_get_visible_child_name (self->memos_stack), "error"))
    agent_call_popup_lookup_memos (self);
  if (g_str_equal (gtk_stack_get_visible_child_name (self->calls_stack), "error"))
    agent_call_popup_lookup_calls (self);
}

static void
play_recording_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  AgentCallPopup *self = AGENT_CALL_POPUP (widget);
  g_autofree char *id = NULL;

  if (self->record == NULL)
    return;

  /* Ids are 64-bit: handed over as text. */
  id = g_strdup_printf ("%" G_GINT64_FORMAT, bbh_call_record_get_id (self->record));
  gtk_widget_activate_action (widget, "app.play-recording", "s", id);
}

static void
call_back_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AgentCallPopup *self = AGENT_CALL_POPUP (widget);

  if (self->phone != NULL)
    gtk_widget_activate_action (widget, "app.dial", "s", self->phone);
}

/* Stop waiting for a customer created here to reach the server. */
void
agent_call_popup_forget_created (AgentCallPopup *self)
{
  if (self->delivered_id != 0 && self->outbox != NULL)
    g_signal_handler_disconnect (self->outbox, self->delivered_id);
  self->delivered_id = 0;
  self->created_entry = 0;
}

/* The customer created here reached the server: look it up again, so that it has the
 * server's id and can be edited and locked from this pop-up too. */
static void
on_created_delivered_cb (AgentOutbox    *outbox,
                         gint64          id,
                         AgentOutboxKind kind,
                         const char     *phone,
                         AgentCallPopup *self)
{
  if (id != self->created_entry || self->phone == NULL || self->client == NULL)
    return;

  agent_call_popup_forget_created (self);
  agent_call_popup_lookup_customer (self);
}

typedef struct
{
  AgentCallPopup *self;
  char           *phone;    /* the call's number when the customer was created */
} Created;

static void
created_free (Created *created)
{
  g_object_unref (created->self);
  g_free (created->phone);
  g_free (created);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Created, created_free)

static void
on_customer_committed_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(Created) created = user_data;
  AgentCallPopup *self = created->self;
  g_autoptr(GError) error = NULL;
  gint64 entry;

  entry = agent_outbox_add_finish (AGENT_OUTBOX (object), result, &error);
  if (error != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The customer was not saved: %s"),
                                               error->message);

      gtk_label_set_label (self->customer_error_label, text);
      set_section (self->customer_stack, self->customer_spinner, "error");
      return;
    }

  /* Still the same call (a pooled pop-up may have moved on): wait for the server's copy. */
  if (self->outbox == AGENT_OUTBOX (object) && g_strcmp0 (self->phone, created->phone) == 0)
    {
      agent_call_popup_forget_created (self);
      self->created_entry = entry;
      self->delivered_id = g_signal_connect_object (self->outbox, "delivered",
                                                    G_CALLBACK (on_created_delivered_cb), self, 0);
    }

  gtk_label_set_label (self->memo_status_label,
                       _("Customer saved. It appears in the customer list once the server has it."));
}

static void
on_create_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       AgentCallPopup   *self)
{
  AdwEntryRow *name_row = g_object_get_data (G_OBJECT (dialog), "name-row");
  AdwEntryRow *corp_row = g_object_get_data (G_OBJECT (dialog), "corp-row");
  g_autoptr(JsonObject) fields = NULL;
  g_autofree char *name = NULL;
  g_autofree char *corp = NULL;
  GtkWidget *row;

  if (g_strcmp0 (response, "create") != 0 || self->outbox == NULL || self->phone == NULL)
    return;

  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (name_row))));
  corp = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (corp_row))));

  fields = json_object_new ();
  json_object_set_string_member (fields, "cpPhone", self->phone);
  json_object_set_string_member (fields, "custName", name);
  json_object_set_string_member (fields, "custCorpName", corp);
  {
    Created *created = g_new0 (Created, 1);

    created->self = g_object_ref (self);
    created->phone = g_strdup (self->phone);
    agent_outbox_add_customer_save_async (self->outbox, self->phone, fields, NULL,
                                          on_customer_committed_cb, created);
  }

  /* Show what was typed at once; the server's copy replaces it on the next call. */
  list_box_clear (self->customer_list);
  row = text_row (*name != '\0' ? name : _("Unnamed customer"), corp);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("avatar-default-symbolic"));
  gtk_widget_add_css_class (row, "customer-name");
  gtk_list_box_append (self->customer_list, row);
  set_section (self->customer_stack, self->customer_spinner, "found");
}

static void
create_customer_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  AgentCallPopup *self = AGENT_CALL_POPUP (widget);
  g_autofree char *number = agent_phone_format (self->phone);
  AdwMessageDialog *dialog;
  GtkWidget *list, *name_row, *corp_row, *phone_row;

  if (self->phone == NULL)
    return;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("New Customer"),
                                                       NULL));
  adw_message_dialog_format_body (dialog, _("A customer record for %s."), number);

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  phone_row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (phone_row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (phone_row), _("Phone"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (phone_row), number);
  name_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (name_row), _("Name"));
  corp_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (corp_row), _("Company"));
  gtk_list_box_append (GTK_LIST_BOX (list), phone_row);
  gtk_list_box_append (GTK_LIST_BOX (list), name_row);
  gtk_list_box_append (GTK_LIST_BOX (list), corp_row);
  adw_message_dialog_set_extra_child (dialog, list);

  g_object_set_data (G_OBJECT (dialog), "name-row", name_row);
  g_object_set_data (G_OBJECT (dialog), "corp-row", corp_row);

  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "create", _("C_reate"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "create", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "create");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_create_response_cb), self, 0);
  /* Known to the application, like every window of it (tests and app. actions find it). */
  gtk_window_set_application (GTK_WINDOW (dialog), gtk_window_get_application (GTK_WINDOW (self)));
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (name_row);
}

/* ---- the customer's record: edit and lock, through the outbox ---- */

/* Edit and lock need the server's record (its id): not offered for an unknown number, nor
 * for a record the agent just created here, until the next call looks it up. */
void
agent_call_popup_update_customer_actions (AgentCallPopup *self)
{
  gboolean known = self->customer != NULL && bbh_customer_get_id (self->customer) > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "popup.edit-customer", known);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "popup.toggle-lock", known);
  gtk_widget_set_visible (self->customer_actions, known);
  gtk_button_set_label (self->lock_button, self->locked ? _("_Unlock") : _("_Lock"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->lock_button),
                               self->locked ? _("Let other agents take this customer")
                                            : _("Keep this customer to yourself"));
}

typedef struct
{
  AgentCallPopup *self;
  char           *phone;
  gboolean        locked;
} LockChange;

static void
lock_change_free (LockChange *change)
{
  g_object_unref (change->self);
  g_free (change->phone);
  g_free (change);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LockChange, lock_change_free)

static void
on_lock_committed_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(LockChange) change = user_data;
  AgentCallPopup *self = change->self;
  g_autoptr(GError) error = NULL;

  agent_outbox_add_finish (AGENT_OUTBOX (object), result, &error);
  /* The pop-up may follow another call by now. */
  if (g_strcmp0 (change->phone, self->phone) != 0)
    return;

  gtk_widget_set_sensitive (GTK_WIDGET (self->lock_button), TRUE);
  if (error != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The lock was not saved: %s"), error->message);

      gtk_widget_add_css_class (GTK_WIDGET (self->memo_status_label), "error");
      gtk_label_set_label (self->memo_status_label, text);
      return;
    }

  self->locked = change->locked;
  if (self->customer != NULL)
    agent_call_popup_show_customer (self);
  gtk_widget_remove_css_class (GTK_WIDGET (self->memo_status_label), "error");
  gtk_label_set_label (self->memo_status_label,
                       change->locked ? _("Customer locked to you") : _("Customer unlocked"));
}

static void
toggle_lock_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AgentCallPopup *self = AGENT_CALL_POPUP (widget);
  LockChange *change;

  if (self->customer == NULL || self->phone == NULL)
    return;
  if (self->outbox == NULL)
    {
      gtk_label_set_label (self->memo_status_label,
                           _("Changes cannot be saved yet: the local queue is still opening. "
                             "Try again in a moment."));
      return;
    }

  change = g_new0 (LockChange, 1);
  change->self = g_object_ref (self);
  change->phone = g_strdup (self->phone);
  change->locked = !self->locked;
  /* One change at a time: the next click waits for this one to be on disk. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->lock_button), FALSE);
  agent_outbox_add_customer_lock_async (self->outbox, bbh_customer_get_id (self->customer),
                                        self->phone, change->locked, NULL,
                                        on_lock_committed_cb, change);
}

static void
on_editor_saved_cb (AgentCustomerEditor *editor,
                    BbhCustomerEdit     *edit,
                    gint64               entry_id,
                    AgentCallPopup      *self)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->customer_list, 0);

  /* What the agent typed shows at once; the server's copy replaces it on the next call. */
  if (ADW_IS_ACTION_ROW (row))
    {
      const char *name = bbh_customer_edit_get_name (edit);
      const char *corp = bbh_customer_edit_get_corp_name (edit);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     !is_empty (name) ? name : _("Unnamed customer"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), corp != NULL ? corp : "");
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->memo_status_label), "error");
  gtk_label_set_label (self->memo_status_label,
                       _("Customer saved. It appears in the customer list once the server has it."));
}

static void
edit_customer_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  AgentCallPopup *self = AGENT_CALL_POPUP (widget);
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));
  AgentCustomerEditor *editor;
  AgentSession *session;

  if (self->customer == NULL || !AGENT_IS_APPLICATION (application))
    return;
  session = agent_application_get_session (AGENT_APPLICATION (application));
  if (session == NULL || !agent_session_get_logged_in (session))
    return;

  editor = agent_customer_editor_new_for_customer (session, self->customer);
  agent_customer_editor_set_outbox (editor, self->outbox);
  gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (self));
  /* Known to the application, like every window of it (tests and app. actions find it). */
  gtk_window_set_application (GTK_WINDOW (editor), application);
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved_cb), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
}

void
agent_call_popup_class_add_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "popup.toggle-lock", NULL, toggle_lock_action);
  gtk_widget_class_install_action (widget_class, "popup.edit-customer", NULL,
                                   edit_customer_action);
  gtk_widget_class_install_action (widget_class, "popup.save-memo", NULL, save_memo_action);
  gtk_widget_class_install_action (widget_class, "popup.retry", NULL, retry_action);
  gtk_widget_class_install_action (widget_class, "popup.play-recording", NULL,
                                   play_recording_action);
  gtk_widget_class_install_action (widget_class, "popup.call-back", NULL, call_back_action);
  gtk_widget_class_install_action (widget_class, "popup.create-customer", NULL,
                                   create_customer_action);
}
