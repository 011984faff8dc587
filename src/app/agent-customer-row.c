/* agent-customer-row.c — one customer in the customer list
 *
 * The name, the first number and the company, the status in the company's words, and
 * whether the customer is locked or has changes waiting in the outbox. A row whose page has
 * not arrived yet shows an ellipsis.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "agent-customer-row"

#include "config.h"

#include <glib/gi18n.h>

#include "agent-customer-row.h"
#include "agent-paged-model.h"
#include "agent-phone.h"

struct _AgentCustomerRow
{
  GtkBox parent_instance;

  /* Template widgets */
  GtkLabel *name_label;
  GtkLabel *detail_label;
  GtkLabel *status_label;
  GtkWidget *pending_icon;
  GtkWidget *locked_icon;
};

G_DEFINE_FINAL_TYPE (AgentCustomerRow, agent_customer_row, GTK_TYPE_BOX)

static void
agent_customer_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), AGENT_TYPE_CUSTOMER_ROW);

  G_OBJECT_CLASS (agent_customer_row_parent_class)->dispose (object);
}

static void
agent_customer_row_class_init (AgentCustomerRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = agent_customer_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/babaihu/Agent/agent-customer-row.ui");
  gtk_widget_class_bind_template_child (widget_class, AgentCustomerRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, AgentCustomerRow, detail_label);
  gtk_widget_class_bind_template_child (widget_class, AgentCustomerRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, AgentCustomerRow, pending_icon);
  gtk_widget_class_bind_template_child (widget_class, AgentCustomerRow, locked_icon);
}

static void
agent_customer_row_init (AgentCustomerRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
agent_customer_row_new (void)
{
  return g_object_new (AGENT_TYPE_CUSTOMER_ROW, NULL);
}

/**
 * agent_customer_row_set_customer:
 * @self: the row
 * @customer: (nullable): the customer, or a placeholder of an #AgentPagedModel
 * @phone: (nullable): the number to show (a number that was searched for); %NULL for the
 *   customer's first
 * @status_text: (nullable): the customer's status as the company names it
 * @pending: whether changes to the customer wait in the outbox
 */
void
agent_customer_row_set_customer (AgentCustomerRow *self,
                                 BbhCustomer      *customer,
                                 const char       *phone,
                                 const char       *status_text,
                                 gboolean          pending)
{
  g_autoptr(GString) detail = g_string_new (NULL);
  g_autofree char *shown = NULL;
  const char *name, *corp;

  g_return_if_fail (AGENT_IS_CUSTOMER_ROW (self));

  if (agent_paged_model_is_placeholder (customer))
    {
      gtk_label_set_label (self->name_label, "…");
      gtk_label_set_label (self->detail_label, "");
      gtk_label_set_label (self->status_label, "");
      gtk_widget_set_visible (self->locked_icon, FALSE);
      gtk_widget_set_visible (self->pending_icon, FALSE);
      return;
    }

  name = bbh_customer_get_name (customer);
  corp = bbh_customer_get_corp_name (customer);
  shown = agent_phone_format (phone != NULL ? phone : bbh_customer_get_phone (customer));
  if (shown != NULL && *shown != '\0')
    g_string_append (detail, shown);
  if (corp != NULL && *corp != '\0')
    g_string_append_printf (detail, "%s%s", detail->len > 0 ? " · " : "", corp);

  gtk_label_set_label (self->name_label, name != NULL && *name != '\0' ? name
                                                                        : _("Unnamed customer"));
  gtk_label_set_label (self->detail_label, detail->str);
  gtk_label_set_label (self->status_label, status_text != NULL ? status_text : "");
  gtk_widget_set_visible (self->locked_icon, bbh_customer_get_is_locked (customer));
  gtk_widget_set_visible (self->pending_icon, pending);
}
