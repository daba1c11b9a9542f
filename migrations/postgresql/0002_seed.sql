-- The data the SQLite migrations 0001 to 0025 leave in a new database: the 2021–23 joint inspection business plan
-- (Crown copyright, Open Government Licence) as the first programme round, with the illustrative capacity and
-- inspector-days figures (SQLite 0006 and 0007), until the secretariat enters real ones. The reasons for the data are
-- in migrations/sqlite/0002_seed_programme_2021_23.sql and the scripts that changed it since.
--
-- A new database opens the first round's consultation for twelve weeks from its creation, so that the portal is open
-- when first run, as on SQLite (where created_at came from the opening too). The portal recognises dates exactly
-- twelve weeks apart as never set; operators fix them with Consultation:OpensAt and Consultation:ClosesAt.
--
-- The inserts fire the programme revision triggers before programme_revision has its row, so they change nothing,
-- and the revision starts at 1 as on SQLite.

INSERT INTO inspectorate (code, name, short_name, kind, sort_order) VALUES
    ('hmicfrs', 'HM Inspectorate of Constabulary and Fire & Rescue Services', 'HMICFRS', 'criminal-justice', 1),
    ('hmcpsi', 'HM Crown Prosecution Service Inspectorate', 'HMCPSI', 'criminal-justice', 2),
    ('hmi-probation', 'HM Inspectorate of Probation', 'HMI Probation', 'criminal-justice', 3),
    ('hmi-prisons', 'HM Inspectorate of Prisons', 'HMI Prisons', 'criminal-justice', 4),
    ('cqc', 'Care Quality Commission', 'CQC', 'partner', 5),
    ('ofsted', 'Ofsted', 'Ofsted', 'partner', 6),
    ('hiw', 'Healthcare Inspectorate Wales', 'HIW', 'partner', 7),
    ('ciw', 'Care Inspectorate Wales', 'CIW', 'partner', 8),
    ('estyn', 'Estyn', 'Estyn', 'partner', 9);

INSERT INTO chief_inspector (inspectorate_code, name, title, is_chair) VALUES
    ('hmcpsi', 'Andrew Cayley', 'HM Chief Inspector of the Crown Prosecution Service', 0),
    ('hmi-probation', 'Justin Russell', 'HM Chief Inspector of Probation', 1),
    ('hmi-prisons', 'Charlie Taylor', 'HM Chief Inspector of Prisons', 0),
    ('hmicfrs', 'Sir Thomas Winsor', 'HM Chief Inspector of Constabulary and Fire & Rescue Services', 0);

INSERT INTO area_of_focus (code, name, agencies, sort_order) VALUES
    ('community-safety', 'Community safety', 'police, probation and youth offending teams (YOTs)', 1),
    ('bringing-offenders-to-justice', 'Bringing offenders to justice', 'police, CPS, courts and YOTs', 2),
    ('management-under-supervision', 'Management of people under criminal justice supervision', 'probation, prisons and YOTs', 3),
    ('custodial-conditions', 'Custodial conditions', 'prisons, police, courts and immigration services', 4);

INSERT INTO cross_cutting_issue (code, name, sort_order) VALUES
    ('victim-witness-experience', 'The quality of victim and witness experience', 1),
    ('equality-diversity', 'Active promotion of equality and diversity', 2),
    ('value-for-money', 'Achieving value for money and efficiency', 3);

INSERT INTO principle (number, title, text) VALUES
    (1, 'The purpose of improvement', 'There should be an explicit concern on the part of inspectors to contribute to the improvement of the service being inspected. This should guide the focus, method, reporting and follow-up of inspection. In framing recommendations, an inspector should recognise good performance and address any failure appropriately. Inspection should aim to generate data and intelligence that enable departments more quickly to calibrate the progress of reform in their sectors and make appropriate adjustments.'),
    (2, 'A focus on outcomes', 'Considering service provision to users of the services rather than concentrating on internal management arrangements.'),
    (3, 'A user perspective', 'Inspection should have a clear focus on the experience of those for whom the service is provided, as well as on internal management arrangements. Inspection should encourage innovation and diversity and not be solely compliance-based.'),
    (4, 'Proportionate to risk', 'Over time, inspectors should modify the extent of future inspection according to the quality of performance by the service provider. For example, good performers should undergo less inspection, so that resources are concentrated on areas of greatest risk.'),
    (5, 'Self-assessment', 'Inspectors should encourage rigorous self-assessment by managers. Inspectors should challenge the results of managers'' self-assessments, take them into account in the inspection process, and provide a comparative benchmark.'),
    (6, 'Impartial evidence', 'Inspectors should use impartial evidence. Evidence, whether quantitative or qualitative, should be validated and credible.'),
    (7, 'Disclose the criteria', 'Inspectors should disclose the criteria they use to form judgments.'),
    (8, 'Open about their processes', 'Inspectors should be open about their processes, willing to take any complaints seriously, and able to demonstrate a robust quality assurance process.'),
    (9, 'Value for money', 'Inspectors should have regard to value for money, their own included.'),
    (10, 'Continually learn from experience', 'Inspectors should continually learn from experience, to become increasingly effective. This can be done by assessing their own impact on the service provider''s ability to improve, and by sharing best practice with other inspectorates.');

INSERT INTO programme_round (id, first_year, title, opens_at, closes_at, concluded_at, created_at, release_mode, finalised_at, finalised_by, concluded_by) VALUES
    (1, 2021, 'Joint inspection programme 2021–23', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), to_char((now() AT TIME ZONE 'UTC') + interval '84 days', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), NULL, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'immediate', NULL, NULL, NULL);

INSERT INTO workstream (id, round_id, slug, title, summary, section, kind, status, programme_year, expected_publication, sort_order, origin_submission_id, withdrawn_at, carried_from_id) VALUES
    (1, 1, 'police-and-border-custody', 'Police and UK Borders Authority custody inspections', 'This programme was established to meet the UK’s UN Convention Against Torture obligations to inspect all places of detention. The focus is on leadership; pre-custody; in the custody suite; the custody cell; and release and transfer. A risk-based approach to inspection has been adopted to decide on the order in which forces are visited. New expectations and supporting methodology were introduced in 2016–17. This brought a greater emphasis on partnerships, vulnerability and accountability. Since 2019–20, activity has included a thematic inspection of Terrorism Act (TACT) suites.', 'core-continuing', 'rolling-programme', 'ongoing', NULL, 'A report after each inspection', 1, NULL, NULL, NULL),
    (2, 1, 'prison-rehabilitation-and-release', 'Prison inspections – rehabilitation and release planning', 'HMI Probation joins HMI Prisons’ core programme of inspections to review a targeted selection of establishments holding those aged 18 and over. HMI Probation assesses the quality of offender management work, including how well public protection is managed, and contributes to the overall judgments in relation to the ‘healthy prison test’ on rehabilitation and release planning. The planned joint inspection of the Offender Management in Custody (OMiC) model will help confirm both inspectorates’ future approach to this work.', 'core-continuing', 'rolling-programme', 'ongoing', NULL, 'A report after each inspection', 2, NULL, NULL, NULL),
    (3, 1, 'youth-inspection-programme', 'Youth inspection programme', 'A proportion of HMI Probation inspections of YOTs in England and Wales are undertaken jointly. Justice, health and social care inspectorates contribute, reflecting the YOT partnership arrangements at a local level. A risk-led approach is used to determine which YOTs will be jointly inspected. We rate the quality of work delivered using a four-point scale, with the following categories: Outstanding, Good, Requires Improvement, Inadequate.', 'core-continuing', 'rolling-programme', 'ongoing', NULL, 'A report after each inspection', 3, NULL, NULL, NULL),
    (4, 1, 'rape', 'Rape (two-part report)', 'The problems surrounding rape investigation and prosecution in England and Wales have been intensively studied in scores of reviews over the past two decades. There is a high level of consensus in these reports, which share themes and core recommendations. Despite all the work that has been done, successful prosecutions for offences of rape are at an all-time low. Because of the urgency to explore what is happening with rape cases, the inspection is divided into two phases. Phase one examines what happens up to the decision to take no further action. Phase two looks at cases that were charged to their conclusion in court or otherwise.', 'thematic-continuing', 'inspection', 'in-progress', '2021-22', 'Phase one: summer 2021. Phase two: winter 2021–22', 4, NULL, NULL, NULL),
    (5, 1, 'neurodiversity-evidence-review', 'Neurodiversity in the CJS evidence review', 'In December 2020, the Ministry of Justice (MoJ) commissioned HMI Prisons and HMI Probation to conduct an independent evidence review on neurodiversity in the CJS. HMICFRS also supported the work. The review covers the criminal justice journey for adults, and the findings will be used initially to support a spending review bid by the MoJ. There are four strands to the work: a call for evidence, a series of round-table events, consultation with practitioners in police forces, probation services and prisons. Service users were also consulted.', 'thematic-continuing', 'review', 'in-progress', '2021-22', 'Summer 2021', 5, NULL, NULL, NULL),
    (6, 1, 'drugs-misuse-on-probation', 'Drugs misuse among people on probation', 'An inspection of the quality of community-based drug treatment and recovery work with people under probation supervision. This includes a focus on national and local leadership, partnership work, individual practice and service delivery for this cohort.', 'thematic-continuing', 'inspection', 'in-progress', '2021-22', 'August 2021', 6, NULL, NULL, NULL),
    (7, 1, 'mental-health', 'Mental health', 'This inspection involves all four justice inspectorates as well as CQC in England and HIW in Wales, who are jointly inspecting the quality and effectiveness of the services provided from arrest to imprisonment. This inspection is fully scoped and field work commenced in April 2021.', 'new', 'inspection', 'fieldwork', '2021-22', 'Autumn 2021', 7, NULL, NULL, NULL),
    (8, 1, 'racial-disproportionality', 'Racial disproportionality within the CJS', 'This review will likely include all four inspectorates and will draw on recent separate inspectorate work by HMICFRS, HMI Probation and HMI Prisons. It will draw together findings and recommendations from these reports and look at disproportionality data from across the CJS.', 'new', 'review', 'planned', '2021-22', 'Spring 2022', 8, NULL, NULL, NULL),
    (9, 1, 'covid-19-recovery', 'A review of CJS recovery from the Covid-19 pandemic', 'A cross-system update on the joint criminal justice inspectorates report on the impact of Covid-19 on the CJS, published in January 2021.', 'new', 'review', 'planned', '2021-22', 'By December 2021', 9, NULL, NULL, NULL),
    (10, 1, 'multi-agency-public-protection', 'Multi-agency public protection arrangements for high risk offenders', 'Joint inspection of multi-agency public protection arrangements for high risk offenders, including the effectiveness of joint working arrangements between probation, police and other agencies to manage risk of serious harm.', 'new', 'inspection', 'planned', '2021-22', 'Spring 2022', 10, NULL, NULL, NULL),
    (11, 1, 'extremism-radicalisation-tact', 'Community supervision of extremism/radicalisation/TACT offenders', 'This inspection is yet to be scoped but will build on recent reviews and include a focus on the implementation of new national probation service structures and case management arrangements for managing this cohort.', 'new', 'inspection', 'not-yet-scoped', '2022-23', '2022–23', 11, NULL, NULL, NULL),
    (12, 1, 'meeting-the-needs-of-victims', 'Victims: meeting the needs of victims in the CJS', 'To inspect the quality of communication and support for victims at each stage of the CJS, including the impact of recent increases in court backlogs.', 'new', 'inspection', 'planned', '2022-23', '2022–23', 12, NULL, NULL, NULL),
    (13, 1, 'youth-violence', 'Youth violence', 'This inspection activity will review the impact of local implementation of the Government’s Serious Violence Strategy. Scope to be agreed.', 'new', 'inspection', 'scope-to-be-agreed', '2021-22', 'Spring 2022', 13, NULL, NULL, NULL),
    (14, 1, 'case-file-quality', 'Case file quality', 'Criminal case files need to have quality and consistency to ensure the best outcome for witnesses and victims. Scope and fieldwork dates to be agreed.', 'new', 'inspection', 'scope-to-be-agreed', NULL, NULL, 14, NULL, NULL, NULL),
    (15, 1, 'offender-management-in-custody', 'Offender Management in Custody (OMiC)', 'This inspection was due to take place in 2020 but was postponed owing to the pandemic. It will consider the extent to which the intended outcomes within the new OMiC model have been realised. The work will focus on both prison offender management and community supervision after release and will follow a selection of cases through the system.', 'new', 'inspection', 'planned', '2021-22', 'Spring 2022', 15, NULL, NULL, NULL),
    (16, 1, 'girls-in-custody', 'Service provision for girls in custody and on post-release supervision', 'There are only a small number of girls held in custody. They are held in fewer centres and are likely to be held long distances from home/have less contact with family and other professionals who may act to prevent future reoffending.', 'new', 'inspection', 'planned', '2021-22', 'Spring 2022', 16, NULL, NULL, NULL);

INSERT INTO workstream_participant (workstream_id, inspectorate_code, role, nation) VALUES
    (1, 'hmi-prisons', 'lead', NULL),
    (1, 'hmicfrs', 'supporting', NULL),
    (1, 'cqc', 'supporting', NULL),
    (2, 'hmi-prisons', 'lead', NULL),
    (2, 'hmi-probation', 'supporting', NULL),
    (3, 'hmi-probation', 'lead', NULL),
    (3, 'hmicfrs', 'supporting', NULL),
    (3, 'cqc', 'supporting', 'England'),
    (3, 'ciw', 'supporting', 'Wales'),
    (3, 'estyn', 'supporting', 'Wales'),
    (3, 'hiw', 'supporting', 'Wales'),
    (4, 'hmicfrs', 'lead', NULL),
    (4, 'hmcpsi', 'supporting', NULL),
    (5, 'hmi-prisons', 'lead', NULL),
    (5, 'hmi-probation', 'supporting', NULL),
    (5, 'hmicfrs', 'supporting', NULL),
    (6, 'hmi-probation', 'lead', NULL),
    (6, 'cqc', 'supporting', NULL),
    (6, 'hiw', 'supporting', NULL),
    (7, 'hmi-probation', 'lead', NULL),
    (7, 'hmicfrs', 'supporting', NULL),
    (7, 'hmcpsi', 'supporting', NULL),
    (7, 'hmi-prisons', 'supporting', NULL),
    (7, 'cqc', 'supporting', 'England'),
    (7, 'hiw', 'supporting', 'Wales'),
    (8, 'hmicfrs', 'lead', NULL),
    (8, 'hmcpsi', 'supporting', NULL),
    (8, 'hmi-probation', 'supporting', NULL),
    (8, 'hmi-prisons', 'supporting', NULL),
    (9, 'hmicfrs', 'supporting', NULL),
    (9, 'hmcpsi', 'supporting', NULL),
    (9, 'hmi-probation', 'supporting', NULL),
    (9, 'hmi-prisons', 'supporting', NULL),
    (10, 'hmi-probation', 'lead', NULL),
    (10, 'hmi-prisons', 'supporting', NULL),
    (10, 'hmicfrs', 'supporting', NULL),
    (11, 'hmi-probation', 'lead', NULL),
    (11, 'hmi-prisons', 'supporting', NULL),
    (11, 'hmicfrs', 'supporting', NULL),
    (12, 'hmicfrs', 'lead', NULL),
    (12, 'hmcpsi', 'supporting', NULL),
    (12, 'hmi-probation', 'supporting', NULL),
    (13, 'hmicfrs', 'lead', NULL),
    (13, 'hmi-probation', 'supporting', NULL),
    (13, 'cqc', 'supporting', NULL),
    (13, 'ofsted', 'supporting', NULL),
    (14, 'hmcpsi', 'lead', NULL),
    (14, 'hmicfrs', 'supporting', NULL),
    (15, 'hmi-probation', 'lead', NULL),
    (15, 'hmi-prisons', 'supporting', NULL),
    (16, 'hmi-prisons', 'lead', NULL),
    (16, 'hmi-probation', 'supporting', NULL),
    (16, 'cqc', 'supporting', NULL),
    (16, 'ofsted', 'supporting', NULL);

INSERT INTO workstream_area_of_focus (workstream_id, area_of_focus_code) VALUES
    (1, 'custodial-conditions'),
    (2, 'management-under-supervision'),
    (2, 'custodial-conditions'),
    (3, 'community-safety'),
    (3, 'management-under-supervision'),
    (4, 'bringing-offenders-to-justice'),
    (5, 'bringing-offenders-to-justice'),
    (5, 'management-under-supervision'),
    (5, 'custodial-conditions'),
    (6, 'community-safety'),
    (6, 'management-under-supervision'),
    (7, 'bringing-offenders-to-justice'),
    (7, 'management-under-supervision'),
    (7, 'custodial-conditions'),
    (8, 'bringing-offenders-to-justice'),
    (8, 'management-under-supervision'),
    (8, 'custodial-conditions'),
    (9, 'community-safety'),
    (9, 'bringing-offenders-to-justice'),
    (9, 'management-under-supervision'),
    (9, 'custodial-conditions'),
    (10, 'community-safety'),
    (10, 'management-under-supervision'),
    (11, 'community-safety'),
    (11, 'management-under-supervision'),
    (12, 'bringing-offenders-to-justice'),
    (13, 'community-safety'),
    (14, 'bringing-offenders-to-justice'),
    (15, 'management-under-supervision'),
    (15, 'custodial-conditions'),
    (16, 'management-under-supervision'),
    (16, 'custodial-conditions');

INSERT INTO workstream_cross_cutting_issue (workstream_id, cross_cutting_issue_code) VALUES
    (4, 'victim-witness-experience'),
    (5, 'equality-diversity'),
    (8, 'equality-diversity'),
    (9, 'value-for-money'),
    (12, 'victim-witness-experience'),
    (14, 'victim-witness-experience'),
    (16, 'equality-diversity');

INSERT INTO inspectorate_capacity (round_id, inspectorate_code, programme_year, available_days, entered_by, entered_at) VALUES
    (1, 'hmicfrs', '2021-22', 900, NULL, NULL),
    (1, 'hmicfrs', '2022-23', 950, NULL, NULL),
    (1, 'hmcpsi', '2021-22', 250, NULL, NULL),
    (1, 'hmcpsi', '2022-23', 260, NULL, NULL),
    (1, 'hmi-probation', '2021-22', 600, NULL, NULL),
    (1, 'hmi-probation', '2022-23', 620, NULL, NULL),
    (1, 'hmi-prisons', '2021-22', 500, NULL, NULL),
    (1, 'hmi-prisons', '2022-23', 520, NULL, NULL);

INSERT INTO workstream_days (workstream_id, inspectorate_code, programme_year, days) VALUES
    (4, 'hmicfrs', '2021-22', 60),
    (4, 'hmcpsi', '2021-22', 30),
    (5, 'hmi-prisons', '2021-22', 60),
    (5, 'hmi-probation', '2021-22', 30),
    (5, 'hmicfrs', '2021-22', 30),
    (6, 'hmi-probation', '2021-22', 60),
    (7, 'hmi-probation', '2021-22', 60),
    (7, 'hmicfrs', '2021-22', 30),
    (7, 'hmcpsi', '2021-22', 30),
    (7, 'hmi-prisons', '2021-22', 30),
    (8, 'hmicfrs', '2021-22', 60),
    (8, 'hmcpsi', '2021-22', 30),
    (8, 'hmi-probation', '2021-22', 30),
    (8, 'hmi-prisons', '2021-22', 30),
    (9, 'hmicfrs', '2021-22', 30),
    (9, 'hmcpsi', '2021-22', 30),
    (9, 'hmi-probation', '2021-22', 30),
    (9, 'hmi-prisons', '2021-22', 30),
    (10, 'hmi-probation', '2021-22', 60),
    (10, 'hmi-prisons', '2021-22', 30),
    (10, 'hmicfrs', '2021-22', 30),
    (11, 'hmi-probation', '2022-23', 60),
    (11, 'hmi-prisons', '2022-23', 30),
    (11, 'hmicfrs', '2022-23', 30),
    (12, 'hmicfrs', '2022-23', 60),
    (12, 'hmcpsi', '2022-23', 30),
    (12, 'hmi-probation', '2022-23', 30),
    (13, 'hmicfrs', '2021-22', 60),
    (13, 'hmi-probation', '2021-22', 30),
    (15, 'hmi-probation', '2021-22', 60),
    (15, 'hmi-prisons', '2021-22', 30),
    (16, 'hmi-prisons', '2021-22', 60),
    (16, 'hmi-probation', '2021-22', 30);

INSERT INTO programme_revision (id, revision) VALUES
    (1, 1);

-- The rows above kept their SQLite ids, so the identities carry on after them.
SELECT setval(pg_get_serial_sequence('programme_round', 'id'), max(id)) FROM programme_round;
SELECT setval(pg_get_serial_sequence('workstream', 'id'), max(id)) FROM workstream;
