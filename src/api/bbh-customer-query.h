/* bbh-customer-query.h — what getCustomersPage should list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * BbhCustomerFind:
 * @BBH_CUSTOMER_FIND_NONE: no search
 * @BBH_CUSTOMER_FIND_PHONE: search the numbers (`cpPhone`)
 * @BBH_CUSTOMER_FIND_CORP_NAME: search the company names (`custCorpName`)
 * @BBH_CUSTOMER_FIND_NAME: search the contact names (`custName`)
 *
 * Which field getCustomersPage searches (`findType`) for the search text (`sqlwhere`).
 */
typedef enum
{
  BBH_CUSTOMER_FIND_NONE,
  BBH_CUSTOMER_FIND_PHONE,
  BBH_CUSTOMER_FIND_CORP_NAME,
  BBH_CUSTOMER_FIND_NAME,
} BbhCustomerFind;

/**
 * BbhCustomerDate:
 * @BBH_CUSTOMER_DATE_NONE: no date range
 * @BBH_CUSTOMER_DATE_LAST_CALL: the last call (最近通话时间)
 * @BBH_CUSTOMER_DATE_BIRTHDAY: the birthday (生日时间)
 * @BBH_CUSTOMER_DATE_CREATED: when the customer was created (创建时间)
 *
 * Which date the start and end times of a #BbhCustomerQuery bound (`dateOpt`).
 */
typedef enum
{
  BBH_CUSTOMER_DATE_NONE      = 0,
  BBH_CUSTOMER_DATE_LAST_CALL = 1,
  BBH_CUSTOMER_DATE_BIRTHDAY  = 2,
  BBH_CUSTOMER_DATE_CREATED   = 3,
} BbhCustomerDate;

#define BBH_TYPE_CUSTOMER_QUERY (bbh_customer_query_get_type ())

typedef struct _BbhCustomerQuery BbhCustomerQuery;

GType             bbh_customer_query_get_type          (void) G_GNUC_CONST;
BbhCustomerQuery *bbh_customer_query_new               (void);
BbhCustomerQuery *bbh_customer_query_copy              (const BbhCustomerQuery *self);
void              bbh_customer_query_free              (BbhCustomerQuery       *self);

const char       *bbh_customer_query_get_status        (const BbhCustomerQuery *self);
void              bbh_customer_query_set_status        (BbhCustomerQuery       *self,
                                                        const char             *status);
const char       *bbh_customer_query_get_customer_type (const BbhCustomerQuery *self);
void              bbh_customer_query_set_customer_type (BbhCustomerQuery       *self,
                                                        const char             *customer_type);
BbhCustomerFind   bbh_customer_query_get_find          (const BbhCustomerQuery *self);
const char       *bbh_customer_query_get_search        (const BbhCustomerQuery *self);
void              bbh_customer_query_set_search        (BbhCustomerQuery       *self,
                                                        BbhCustomerFind         find,
                                                        const char             *text);
const char       *bbh_customer_query_get_sort_field    (const BbhCustomerQuery *self);
void              bbh_customer_query_set_sort_field    (BbhCustomerQuery       *self,
                                                        const char             *sort_field);
int               bbh_customer_query_get_locked        (const BbhCustomerQuery *self);
void              bbh_customer_query_set_locked        (BbhCustomerQuery       *self,
                                                        int                     locked);
BbhCustomerDate   bbh_customer_query_get_date          (const BbhCustomerQuery *self);
const char       *bbh_customer_query_get_start_time    (const BbhCustomerQuery *self);
const char       *bbh_customer_query_get_end_time      (const BbhCustomerQuery *self);
void              bbh_customer_query_set_date_range    (BbhCustomerQuery       *self,
                                                        BbhCustomerDate         date,
                                                        const char             *start_time,
                                                        const char             *end_time);
guint             bbh_customer_query_get_start         (const BbhCustomerQuery *self);
guint             bbh_customer_query_get_limit         (const BbhCustomerQuery *self);
void              bbh_customer_query_set_page          (BbhCustomerQuery       *self,
                                                        guint                   start,
                                                        guint                   limit);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbhCustomerQuery, bbh_customer_query_free)

G_END_DECLS
