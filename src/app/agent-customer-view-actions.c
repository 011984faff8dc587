/* agent-customer-view-actions.c — what the customer record's buttons do
 *
 * Lock, sale results and edits are committed to the outbox and announced with
 * AgentCustomerView::queued; the page shows them pending until the server has them. Deleting
 * asks first (an AdwMessageDialog) and is sent directly; a failure is said in a toast.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "agent-customer-view"

#include "config.h"

#include <glib/gi18n.h>

#include "agent-customer-private.h"
#include "agent-customer-view-private.h"
#include "agent-popup-manager.h"
#include "agent-window.h"

void
agent_customer_view_toast (AgentCustomerView *self,
                           const char        *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (AGENT_IS_WINDOW (root))
    agent_window_add_toast (AGENT_WINDOW (root), message);
  else
    g_message ("%s", message);
}

static AgentOutbox *
find_outbox (AgentCustomerView *self)
{
  GApplication *application;
  AgentPopupManager *manager;

  if (self->outbox != NULL)
    return self->outbox;

  application = g_application_get_default ();
  if (!GTK_IS_APPLICATION (application))
    return NULL;
  manager = agent_popup_manager_get_for_application (GTK_APPLICATION (application));
  return manager != NULL ? agent_popup_manager_get_outbox (manager) : NULL;
}


/* ---- actions ---- */

typedef struct
{
  AgentCustomerView *self;
  AgentOutboxKind    kind;
  gint64             customer_id;
  char              *phone;
} Queued;

static Queued *
queued_new (AgentCustomerView *self,
            AgentOutboxKind    kind,
            gint64             customer_id,
            const char        *phone)
{
  Queued *queued = g_new0 (Queued, 1);

  queued->self = g_object_ref (self);
  queued->kind = kind;
  queued->customer_id = customer_id;
  queued->phone = g_strdup (phone);
  return queued;
}

static void
queued_free (Queued *queued)
{
  g_clear_object (&queued->self);
  g_free (queued->phone);
  g_free (queued);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Queued, queued_free)

static void
on_queued_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(Queued) queued = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = agent_outbox_add_finish (AGENT_OUTBOX (object), result, &error);
  if (error != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The change could not be saved: %s"),
                                                  error->message);

      agent_customer_view_toast (queued->self, message);
      return;
    }

  agent_customer_view_emit_queued (queued->self, id, queued->kind, queued->customer_id,
                                   queued->phone);
}

static AgentOutbox *
outbox_or_toast (AgentCustomerView *self)
{
  AgentOutbox *outbox = find_outbox (self);

  if (outbox == NULL)
    agent_customer_view_toast (self, _("Changes cannot be saved yet: the local queue is still opening. "
                   "Try again in a moment."));
  return outbox;
}

static void
toggle_lock_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AgentCustomerView *self = AGENT_CUSTOMER_VIEW (widget);
  AgentOutbox *outbox;
  gint64 id;

  if (self->customer == NULL || (outbox = outbox_or_toast (self)) == NULL)
    return;

  id = bbh_customer_get_id (self->customer);
  agent_outbox_add_customer_lock_async (outbox, id, self->phone,
                                        !bbh_customer_get_is_locked (self->customer), NULL,
                                        on_queued_cb,
                                        queued_new (self, AGENT_OUTBOX_KIND_CUSTOMER_LOCK, id,
                                                    self->phone));
}

static void
queue_sale (AgentCustomerView *self,
            BbhSale           *sale,
            gboolean           succeeded)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  AgentOutbox *outbox;
  gint64 id;
  g_autofree char *id_text = NULL;
  const char *type = NULL;

  if (self->customer == NULL || self->phone == NULL || (outbox = outbox_or_toast (self)) == NULL)
    return;

  id = bbh_customer_get_id (self->customer);
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  if (sale != NULL)
    {
      g_autofree char *sale_id = g_strdup_printf ("%" G_GINT64_FORMAT, bbh_sale_get_id (sale));

      json_object_set_string_member (fields, "csId", sale_id);
      if (!agent_customer_is_blank (bbh_sale_get_extension (sale)))
        json_object_set_string_member (fields, "extension", bbh_sale_get_extension (sale));
      type = bbh_sale_get_customer_type (sale);
    }
  if (agent_customer_is_blank (type))
    type = bbh_customer_get_customer_type (self->customer);

  json_object_set_string_member (fields, "custId", id_text);
  json_object_set_string_member (fields, "custType", type != NULL ? type : "");
  json_object_set_int_member (fields, "status", succeeded ? 1 : 0);
  json_object_set_string_member (fields, "phone", self->phone);

  agent_outbox_add_customer_sales_async (outbox, fields, NULL, on_queued_cb,
                                         queued_new (self, AGENT_OUTBOX_KIND_CUSTOMER_SALES, id,
                                                     self->phone));
}

static void
set_sale_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  AgentCustomerView *self = AGENT_CUSTOMER_VIEW (widget);
  g_autoptr(BbhSale) sale = NULL;
  gint64 sale_id;
  gboolean succeeded;

  g_variant_get (parameter, "(xb)", &sale_id, &succeeded);
  sale = agent_customer_sales_find (self->sales, sale_id);
  if (sale != NULL)
    queue_sale (self, sale, succeeded);
}

static void
new_sale_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  queue_sale (AGENT_CUSTOMER_VIEW (widget), NULL, g_variant_get_boolean (parameter));
}

static void
on_editor_saved_cb (AgentCustomerEditor *editor,
                    BbhCustomerEdit     *edit,
                    gint64               entry_id,
                    AgentCustomerView   *self)
{
  const char *phone = bbh_customer_edit_get_n_phones (edit) > 0
                      ? bbh_customer_edit_get_phone (edit, 0) : NULL;

  /* The record is found again by its first number; a new one has nothing else to go by
   * until the server numbers it. */
  if (phone != NULL)
    {
      g_free (self->phone);
      self->phone = g_strdup (phone);
    }
  if (bbh_customer_edit_get_id (edit) <= 0)
    {
      agent_customer_view_cancel_loads (self);
      g_clear_object (&self->customer);
      agent_customer_view_update_actions (self);
      gtk_stack_set_visible_child_name (self->stack, "pending");
    }
  else
    agent_customer_view_set_pending (self, TRUE);

  agent_customer_view_emit_queued (self, entry_id, AGENT_OUTBOX_KIND_CUSTOMER_SAVE,
                                   bbh_customer_edit_get_id (edit), phone);
}

void
agent_customer_view_present_editor (AgentCustomerView   *self,
                                    AgentCustomerEditor *editor)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  agent_customer_editor_set_outbox (editor, self->outbox);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (root));
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved_cb), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AgentCustomerView *self = AGENT_CUSTOMER_VIEW (widget);

  if (self->customer == NULL || self->session == NULL)
    return;
  agent_customer_view_present_editor (self, agent_customer_editor_new_for_customer (self->session, self->customer));
}

static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AgentCustomerView *self = AGENT_CUSTOMER_VIEW (widget);

  agent_customer_view_create (self, self->phone);
}

typedef struct
{
  AgentCustomerView *self;
  gint64             customer_id;
  char              *name;
} Deletion;

static void
deletion_free (Deletion *deletion)
{
  g_clear_object (&deletion->self);
  g_free (deletion->name);
  g_free (deletion);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Deletion, deletion_free)

static void
on_deleted_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(Deletion) deletion = user_data;
  AgentCustomerView *self = deletion->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!bbh_client_delete_customer_finish (BBH_CLIENT (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Translators: the first %s is the customer's name, the second why it failed */
      message = g_strdup_printf (_("“%s” could not be deleted: %s"), deletion->name,
                                 error->message);
      agent_customer_view_toast (self, message);
      return;
    }

  /* Translators: %s is the customer's name */
  message = g_strdup_printf (_("“%s” was deleted"), deletion->name);
  agent_customer_view_toast (self, message);

  if (self->customer != NULL && bbh_customer_get_id (self->customer) == deletion->customer_id)
    agent_customer_view_clear (self);
  agent_customer_view_emit_deleted (self, deletion->customer_id);
}

static void
on_delete_response_cb (AdwMessageDialog  *dialog,
                       const char        *response,
                       AgentCustomerView *self)
{
  BbhClient *client = self->session != NULL ? agent_session_get_client (self->session) : NULL;
  Deletion *deletion;

  if (g_strcmp0 (response, "delete") != 0 || self->customer == NULL || client == NULL)
    return;

  deletion = g_new0 (Deletion, 1);
  deletion->self = g_object_ref (self);
  deletion->customer_id = bbh_customer_get_id (self->customer);
  deletion->name = g_strdup (gtk_label_get_label (self->name_label));
  bbh_client_delete_customer_async (client, deletion->customer_id, NULL, on_deleted_cb, deletion);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AgentCustomerView *self = AGENT_CUSTOMER_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  AdwMessageDialog *dialog;

  if (self->customer == NULL)
    return;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                             : NULL,
                                                       _("Delete Customer?"), NULL));
  adw_message_dialog_format_body (dialog,
                                  _("“%s”, its numbers and its details will be removed from the "
                                    "company’s customers. This cannot be undone."),
                                  gtk_label_get_label (self->name_label));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * agent_customer_view_install_actions:
 * @widget_class: #AgentCustomerView's class
 *
 * The record's writes: `view.edit`, `view.toggle-lock`, `view.set-sale` (xb),
 * `view.new-sale` (b), `view.create`, `view.delete`.
 */
void
agent_customer_view_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "view.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "view.toggle-lock", NULL, toggle_lock_action);
  gtk_widget_class_install_action (widget_class, "view.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "view.set-sale", "(xb)", set_sale_action);
  gtk_widget_class_install_action (widget_class, "view.new-sale", "b", new_sale_action);
  gtk_widget_class_install_action (widget_class, "view.create", NULL, create_action);
}
