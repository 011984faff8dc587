/* agent-page.c — what the main window needs from a page of its view stack
 *
 * `show-page` ends in `page-shown` with the number of rows in the page's main list once its
 * first data is on screen. A page that has a list implements this interface: the window asks
 * it to load and waits for ::loaded. A page without one is shown with 0 rows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "agent-page"

#include "config.h"

#include "agent-page.h"

G_DEFINE_INTERFACE (AgentPage, agent_page, GTK_TYPE_WIDGET)

enum {
  LOADED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
agent_page_default_init (AgentPageInterface *iface)
{
  /**
   * AgentPage::loaded:
   * @self: the page
   * @rows: rows in the page's main list
   *
   * The page's first data is on screen (or its error state is).
   */
  signals[LOADED] =
    g_signal_new ("loaded",
                  G_TYPE_FROM_INTERFACE (iface),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);
}

/**
 * agent_page_load:
 * @self: a #AgentPage
 * @session: the logged-in session
 *
 * Loads the page's first data; ::loaded follows, also when it was loaded before.
 */
void
agent_page_load (AgentPage    *self,
                 AgentSession *session)
{
  AgentPageInterface *iface;

  g_return_if_fail (AGENT_IS_PAGE (self));
  g_return_if_fail (AGENT_IS_SESSION (session));

  iface = AGENT_PAGE_GET_IFACE (self);
  if (iface->load != NULL)
    iface->load (self, session);
  else
    agent_page_loaded (self, 0);
}

/**
 * agent_page_loaded:
 * @self: a #AgentPage
 * @rows: rows in the page's main list now on screen
 *
 * Called by the page when its data is on screen.
 */
void
agent_page_loaded (AgentPage *self,
                   guint      rows)
{
  g_return_if_fail (AGENT_IS_PAGE (self));

  g_signal_emit (self, signals[LOADED], 0, rows);
}

/* @shown_only: skip what is not on screen (a folded search bar's entry is not, yet counts) */
static GtkWidget *
find_search_entry (GtkWidget *widget,
                   gboolean   shown_only)
{
  if (widget == NULL || !gtk_widget_get_visible (widget) ||
      (shown_only && !gtk_widget_get_child_visible (widget)))
    return NULL;

  /* A search bar that is folded away is unfolded: Ctrl+F means "let me search". */
  if (GTK_IS_SEARCH_BAR (widget))
    {
      GtkWidget *entry = find_search_entry (gtk_search_bar_get_child (GTK_SEARCH_BAR (widget)),
                                            FALSE);

      if (entry != NULL)
        gtk_search_bar_set_search_mode (GTK_SEARCH_BAR (widget), TRUE);
      return entry;
    }

  if (GTK_IS_SEARCH_ENTRY (widget))
    return widget;

  /* The pages of a stack that are not shown are not child-visible: skipped. */
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *entry = find_search_entry (child, shown_only);

      if (entry != NULL)
        return entry;
    }
  return NULL;
}

/**
 * agent_page_focus_search:
 * @page: a page of the main window (any widget)
 *
 * What Ctrl+F (`win.search`) does: gives the keyboard focus to the first search field shown
 * in @page — a #GtkSearchEntry, or the entry of a #GtkSearchBar, which is unfolded. A page
 * takes part by having one; nothing to implement.
 *
 * Returns: whether @page has a search field, now focused
 */
gboolean
agent_page_focus_search (GtkWidget *page)
{
  GtkWidget *entry;

  g_return_val_if_fail (GTK_IS_WIDGET (page), FALSE);

  entry = find_search_entry (page, TRUE);
  if (entry == NULL)
    return FALSE;

  gtk_widget_grab_focus (entry);
  return TRUE;
}
