/* agent-customer-sales.c — a customer's sales and their results
 *
 * The sales of the customer's number (getCustomerSales), each with buttons that set its
 * result. The buttons activate `view.set-sale` (csId, succeeded): the record view that holds
 * this list queues the change in the outbox.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "agent-customer-sales"

#include "config.h"

#include <glib/gi18n.h>

#include "agent-customer-private.h"
#include "agent-customer-sales.h"

struct _AgentCustomerSales
{
  AdwBin parent_instance;

  /* Template widgets */
  GtkStack     *stack;
  GtkLabel     *message_label;
  GtkListBox   *list;

  /* Owned */
  GCancellable *cancellable;
  GListModel   *sales;
};

G_DEFINE_FINAL_TYPE (AgentCustomerSales, agent_customer_sales, ADW_TYPE_BIN)

static const char *
status_text (int status)
{
  switch (status)
    {
    case 1:
      return _("Succeeded");
    case 0:
      return _("Failed");
    default:
      return _("Open");
    }
}

static GtkWidget *
result_button (BbhSale  *sale,
               gboolean  succeeded)
{
  GtkWidget *button = gtk_button_new_with_label (succeeded ? _("Succeeded") : _("Failed"));

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "view.set-sale");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(xb)",
                                    bbh_sale_get_id (sale), succeeded);
  gtk_widget_set_sensitive (button, bbh_sale_get_status (sale) != (succeeded ? 1 : 0));
  gtk_widget_set_tooltip_text (button, succeeded ? _("Mark this sale as succeeded")
                                                 : _("Mark this sale as failed"));
  return button;
}

static void
show_message (AgentCustomerSales *self,
              const char         *message)
{
  gtk_label_set_label (self->message_label, message);
  gtk_stack_set_visible_child_name (self->stack, "message");
}

static void
show_sales (AgentCustomerSales *self)
{
  guint n = self->sales != NULL ? g_list_model_get_n_items (self->sales) : 0;

  agent_customer_list_box_clear (self->list);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BbhSale) sale = g_list_model_get_item (self->sales, i);
      g_autofree char *amount = bbh_sale_dup_field (sale, "csAmount");
      g_autofree char *memo = bbh_sale_dup_field (sale, "csMemo");
      const char *seller = bbh_sale_get_extension_name (sale);
      const char *time = bbh_sale_get_time (sale);
      g_autoptr(GString) subtitle = g_string_new (NULL);
      g_autofree char *title = NULL;
      GtkWidget *row, *box;

      if (!agent_customer_is_blank (memo))
        /* Translators: a sale's result, then what was sold: “Succeeded — Annual contract” */
        title = g_strdup_printf (_("%s — %s"), status_text (bbh_sale_get_status (sale)), memo);
      else
        title = g_strdup (status_text (bbh_sale_get_status (sale)));

      if (!agent_customer_is_blank (time))
        g_string_append (subtitle, time);
      if (!agent_customer_is_blank (seller))
        g_string_append_printf (subtitle, "%s%s", subtitle->len > 0 ? " · " : "", seller);
      if (!agent_customer_is_blank (amount) && g_strcmp0 (amount, "0") != 0)
        {
          /* Translators: a sale's amount, in the company's currency */
          g_autofree char *text = g_strdup_printf (_("Amount %s"), amount);

          g_string_append_printf (subtitle, "%s%s", subtitle->len > 0 ? " · " : "", text);
        }

      row = agent_customer_text_row (title, subtitle->str);
      box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      gtk_widget_add_css_class (box, "linked");
      gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (box), result_button (sale, TRUE));
      gtk_box_append (GTK_BOX (box), result_button (sale, FALSE));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
      gtk_list_box_append (self->list, row);
    }

  if (n == 0)
    show_message (self, _("No sales recorded for this customer."));
  else
    gtk_stack_set_visible_child_name (self->stack, "list");
}

static void
on_sales_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(AgentCustomerSales) self = user_data;
  g_autoptr(GListModel) sales = NULL;
  g_autoptr(GError) error = NULL;

  sales = bbh_client_get_customer_sales_finish (BBH_CLIENT (object), result, NULL, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (sales == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Sales could not be loaded: %s"), error->message);

      show_message (self, text);
      return;
    }

  g_set_object (&self->sales, sales);
  show_sales (self);
}

static void
agent_customer_sales_dispose (GObject *object)
{
  AgentCustomerSales *self = AGENT_CUSTOMER_SALES (object);

  agent_customer_sales_clear (self);
  g_clear_object (&self->sales);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), AGENT_TYPE_CUSTOMER_SALES);

  G_OBJECT_CLASS (agent_customer_sales_parent_class)->dispose (object);
}

static void
agent_customer_sales_class_init (AgentCustomerSalesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = agent_customer_sales_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/babaihu/Agent/agent-customer-sales.ui");
  gtk_widget_class_bind_template_child (widget_class, AgentCustomerSales, stack);
  gtk_widget_class_bind_template_child (widget_class, AgentCustomerSales, message_label);
  gtk_widget_class_bind_template_child (widget_class, AgentCustomerSales, list);
}

static void
agent_customer_sales_init (AgentCustomerSales *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
agent_customer_sales_new (void)
{
  return g_object_new (AGENT_TYPE_CUSTOMER_SALES, NULL);
}

/**
 * agent_customer_sales_load:
 * @self: the sales list
 * @client: (nullable): the client to ask
 * @phone: (nullable): the customer's first number
 *
 * Asks for the sales of @phone's customer (getCustomerSales) and shows them.
 */
void
agent_customer_sales_load (AgentCustomerSales *self,
                           BbhClient          *client,
                           const char         *phone)
{
  g_return_if_fail (AGENT_IS_CUSTOMER_SALES (self));

  agent_customer_sales_clear (self);
  if (client == NULL || agent_customer_is_blank (phone))
    {
      g_clear_object (&self->sales);
      show_sales (self);
      return;
    }

  self->cancellable = g_cancellable_new ();
  gtk_stack_set_visible_child_name (self->stack, "loading");
  bbh_client_get_customer_sales_async (client, phone, self->cancellable, on_sales_cb,
                                       g_object_ref (self));
}

/**
 * agent_customer_sales_clear:
 *
 * Drops what is on its way.
 */
void
agent_customer_sales_clear (AgentCustomerSales *self)
{
  g_return_if_fail (AGENT_IS_CUSTOMER_SALES (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
}

/**
 * agent_customer_sales_get_sales:
 *
 * Returns: (transfer none) (nullable): the sales shown, a #GListModel of #BbhSale
 */
GListModel *
agent_customer_sales_get_sales (AgentCustomerSales *self)
{
  g_return_val_if_fail (AGENT_IS_CUSTOMER_SALES (self), NULL);

  return self->sales;
}

/**
 * agent_customer_sales_find:
 * @self: the sales list
 * @sale_id: a sale's `csId`
 *
 * Returns: (transfer full) (nullable): the sale shown with that id
 */
BbhSale *
agent_customer_sales_find (AgentCustomerSales *self,
                           gint64              sale_id)
{
  guint n;

  g_return_val_if_fail (AGENT_IS_CUSTOMER_SALES (self), NULL);

  n = self->sales != NULL ? g_list_model_get_n_items (self->sales) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BbhSale) sale = g_list_model_get_item (self->sales, i);

      if (bbh_sale_get_id (sale) == sale_id)
        return g_steal_pointer (&sale);
    }
  return NULL;
}
